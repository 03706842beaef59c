# Build: ./mvnw -DskipTests package && docker build -t tenantcore .
#
# The image starts from an ahead-of-time cache (JDK 25, JEPs 483/514/515): the classes the
# application needs at start come loaded and linked, with the method profiles of a training run,
# which roughly halves the CPU a start costs (README, "Fast start"). The cache is only valid for
# this exact JVM and class path, so it is recorded here, in the image that uses it.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 tenantcore \
    && mkdir /app && chown tenantcore /app
USER tenantcore
WORKDIR /app
# A small deployment (2 cores, 1 GB): a heap of half the container's memory (the JVM's default, a
# quarter, is sized for large machines; the rest here goes to metaspace, code and buffers), and G1
# named, because below 1792 MB the JVM would pick the serial collector, which cost more CPU per
# request in bench/profile.sh for no consistent memory saving. Measured in bench/README.md ("Growth and
# footprint"). Override the whole variable to change them; the training run below takes them too,
# as the cache expects the same collector. The periodic collection lets an idle node give back the
# heap it grew to during its start (G1 returns memory only after a collection).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseG1GC -XX:G1PeriodicGCInterval=10000"
COPY app/target/tenantcore.jar /app/tenantcore.jar
# The cache needs plain jars on the class path: the tools extract the application as
# /app/tenantcore.jar (a thin jar whose manifest lists lib/) in place of the packaged one.
RUN java -Djarmode=tools -jar /app/tenantcore.jar extract --destination /tmp/extracted \
    && mv /tmp/extracted/tenantcore.jar /tmp/extracted/lib /app/ && rm -rf /tmp/extracted
# Training run: starts a throw-away embedded PostgreSQL, migrates it, creates every bean and stops
# before serving (spring.context.exit=onRefresh); the server is stopped by its watchdog when the JVM
# exits, and its data directory goes with this layer's temporary files.
RUN java -XX:AOTCacheOutput=/app/tenantcore.aot -Dspring.context.exit=onRefresh \
        -jar /app/tenantcore.jar --app.embedded-db.data-dir=/tmp/training-db \
    && for _ in $(seq 1 100); do [ -f /tmp/training-db/postmaster.pid ] || break; sleep 0.2; done \
    && rm -rf /tmp/training-db
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=/app/tenantcore.aot", "-jar", "/app/tenantcore.jar"]
