# Build: ./mvnw -DskipTests package && docker build -t tenantcore .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tenantcore
USER tenantcore
WORKDIR /app
COPY app/target/tenantcore.jar /app/tenantcore.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/tenantcore.jar"]
