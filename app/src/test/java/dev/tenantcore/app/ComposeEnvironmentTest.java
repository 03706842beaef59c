package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment docker-compose.yml gives the application names only settings the application
 * reads. A misspelt variable is otherwise silently ignored, and the container starts with a default
 * (a generated key, an embedded database) where the operator meant a value.
 *
 * <p>What the application reads, by the ways it reads settings: the configuration metadata of every
 * jar on the classpath (Spring Boot's own, and this project's, which the configuration processor
 * writes from each {@code @ConfigurationProperties} class, with {@code
 * additional-spring-configuration-metadata.json} for settings bound by hand); the keys and {@code
 * ${...}} placeholders of the application's YAML; and the setting names in string literals of the
 * main sources ({@code @Value}, {@code getProperty}, conditions, variables read directly). A
 * variable matches a setting as Spring Boot binds it: upper case, {@code _} for {@code .}, dashes
 * dropped or written as {@code _}, and any key below a map-valued setting.
 */
@DisplayName("docker-compose.yml")
class ComposeEnvironmentTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES = List.of("shared-api", "infra", "command-side", "query-side", "app");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");
    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

    @Test
    @DisplayName("passes the application only variables it reads")
    void everyVariableIsRead() {
        Map<String, Object> environment = appEnvironment(ROOT.resolve("docker-compose.yml"));
        // The scan sees the file: the database settings are there.
        assertThat(environment).containsKeys("DATABASE_URL", "DATABASE_OWNER_USERNAME");

        assertThat(Settings.ofProject().unread(environment.keySet())).isEmpty();
    }

    @Test
    @DisplayName("the check fails on variables the application does not read, and passes those it does")
    void checkCanFail() {
        Settings settings = Settings.ofProject();

        assertThat(settings.unread(List.of(
                        "APP_PROCESSING_SEGMENTS",
                        "APP_PROCESING_SEGMENTS",
                        "APP_PROCESSING_NODEID",
                        "APP_PROCESSING_NODE_ID",
                        "APP_BOOTSTRAP_ADMIN_EMAIL",
                        "TENANTCORE_CREDENTIALS_KEYS_K2",
                        "SPRING_PROFILES_ACTIVE",
                        "DATABASE_PASWORD",
                        "DATABASE_POOL_SIZE",
                        "SERVER_PORT",
                        "SERVER_PORTS")))
                .containsExactly("APP_PROCESING_SEGMENTS", "DATABASE_PASWORD", "SERVER_PORTS");
    }

    /** The app service's environment, in either of Compose's two forms (map or KEY=value list). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> appEnvironment(Path compose) {
        Map<String, Object> file = read(compose, text -> (Map<String, Object>) new Yaml().load(text));
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) file.get("services")).get("app");
        Object environment = app.get("environment");
        Map<String, Object> variables = new TreeMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) -> variables.put(String.valueOf(name), value));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
        }
        return variables;
    }

    /** The settings the application reads, as environment variable names and map prefixes. */
    record Settings(Set<String> variables, Set<String> mapPrefixes) {

        static Settings ofProject() {
            Set<String> variables = new TreeSet<>();
            Set<String> mapPrefixes = new TreeSet<>();
            metadata(variables, mapPrefixes);
            for (String module : MODULES) {
                Path main = ROOT.resolve(module).resolve("src/main");
                for (Path file : files(main)) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java")) {
                        TableOwnershipTest.stringLiterals(read(file, text -> text))
                                .forEach(literal -> settingsIn(literal, variables));
                    } else if (name.startsWith("application") && name.endsWith(".yml")) {
                        String text = read(file, t -> t);
                        settingsIn(text, variables);
                        new Yaml().loadAll(text).forEach(document -> keys("", document, variables));
                    }
                }
            }
            return new Settings(variables, mapPrefixes);
        }

        /** The names among these that no setting of the application answers to. */
        List<String> unread(Collection<String> names) {
            return names.stream()
                    .filter(name -> !variables.contains(name)
                            && mapPrefixes.stream().noneMatch(prefix -> name.startsWith(prefix + "_")))
                    .toList();
        }

        private static void metadata(Set<String> variables, Set<String> mapPrefixes) {
            ObjectMapper json = new ObjectMapper();
            try {
                for (URL resource : Collections.list(ComposeEnvironmentTest.class
                        .getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json"))) {
                    try (InputStream in = resource.openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            List<String> names =
                                    environmentNames(property.path("name").asText());
                            variables.addAll(names);
                            if (property.path("type").asText().startsWith("java.util.Map")) {
                                mapPrefixes.addAll(names);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void settingsIn(String text, Set<String> variables) {
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                variables.addAll(environmentNames(placeholders.group(1)));
            }
            if (PROPERTY.matcher(text).matches() || VARIABLE.matcher(text).matches()) {
                variables.addAll(environmentNames(text));
            }
        }

        @SuppressWarnings("unchecked")
        private static void keys(String prefix, Object node, Set<String> variables) {
            if (node instanceof Map<?, ?> map) {
                ((Map<Object, Object>) map).forEach((key, value) -> {
                    String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
                    variables.addAll(environmentNames(name));
                    keys(name, value, variables);
                });
            }
        }
    }

    /**
     * A setting's names as Spring Boot reads it from the environment: {@code app.processing.node-id}
     * is {@code APP_PROCESSING_NODEID}, or in the older form, which it still accepts, {@code
     * APP_PROCESSING_NODE_ID}.
     */
    static List<String> environmentNames(String setting) {
        String upper = setting.replace('.', '_').toUpperCase(Locale.ROOT);
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(Path file, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
