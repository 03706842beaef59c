package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the Dockerfile builds, checked without a Docker engine once the jar is packaged (this runs
 * in the integration-test phase, after {@code package}): every file it copies exists, the copied
 * jar (or the application jar extracted from it) is what its entry point runs, an ahead-of-time cache
 * the entry point names is recorded in the image, and that jar is a bootable Spring Boot jar of this application,
 * with its modules and migrations inside, compiled for the Java of the base image, run by a user
 * that is not root.
 */
@DisplayName("The Dockerfile")
class DockerImageIT {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BASE_IMAGE = Pattern.compile("(?m)^FROM\\s+eclipse-temurin:(\\d+)-jre\\s*$");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)]\\s*$");
    private static final Pattern EXTRACT =
            Pattern.compile("-Djarmode=tools\\s+-jar\\s+(\\S+)\\s+extract\\s+--destination\\s+(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");

    record Copy(Path source, String destination) {}

    @Test
    @DisplayName("copies the packaged jar that its entry point runs, as a user that is not root")
    void entryPointRunsTheCopiedJar() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        List<Copy> copies = copies(dockerfile);
        assertThat(copies)
                .isNotEmpty()
                .allSatisfy(copy -> assertThat(copy.source()).as("COPY source").exists());
        // JVM options may come between `java` and `-jar`; the jar run is the copied one, or, when the
        // Dockerfile extracts it, the application jar the tools write in its place.
        String jar = jarCopy(copies).destination();
        List<String> entryPoint = entryPoint(dockerfile);
        assertThat(entryPoint).first().isEqualTo("java");
        assertThat(entryPoint.subList(entryPoint.size() - 2, entryPoint.size())).containsExactly("-jar", jar);
        Matcher extract = EXTRACT.matcher(dockerfile);
        if (extract.find()) {
            assertThat(extract.group(1)).as("the jar the tools extract").isEqualTo(jar);
            assertThat(dockerfile)
                    .as("the extracted application jar moved to where the entry point runs it")
                    .contains(extract.group(2) + "/" + Path.of(jar).getFileName());
        }
        // An ahead-of-time cache the entry point starts from is one the Dockerfile records, in the image.
        entryPoint.stream()
                .filter(word -> word.startsWith("-XX:AOTCache="))
                .forEach(cache -> assertThat(dockerfile)
                        .as("a training run that records " + cache)
                        .contains("-XX:AOTCacheOutput=" + cache.substring("-XX:AOTCache=".length())));

        Matcher user = USER.matcher(dockerfile);
        assertThat(user.find()).as("a USER line").isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile.indexOf("USER"))
                .as("USER before the entry point")
                .isLessThan(dockerfile.indexOf("ENTRYPOINT"));
    }

    @Test
    @DisplayName(
            "copies a bootable jar of this application, with its modules and migrations, for the base image's Java")
    void jarBootsOnTheBaseImage() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher base = BASE_IMAGE.matcher(dockerfile);
        assertThat(base.find()).as("FROM eclipse-temurin:<java>-jre").isTrue();
        int java = Integer.parseInt(base.group(1));

        try (JarFile jar = new JarFile(jarCopy(copies(dockerfile)).source().toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
            String start = manifest.getMainAttributes().getValue("Start-Class");
            assertThat(start).isEqualTo(TenantcoreApplication.class.getName());

            JarEntry application = jar.getJarEntry("BOOT-INF/classes/" + start.replace('.', '/') + ".class");
            assertThat(application).as("the start class inside").isNotNull();
            assertThat(classFileJava(jar, application))
                    .as("Java the start class needs")
                    .isLessThanOrEqualTo(java);

            List<String> libraries = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length()))
                    .toList();
            assertThat(libraries)
                    .anyMatch(name -> name.startsWith("shared-api-"))
                    .anyMatch(name -> name.startsWith("infra-"))
                    .anyMatch(name -> name.startsWith("command-side-"))
                    .anyMatch(name -> name.startsWith("query-side-"))
                    .anyMatch(name -> name.startsWith("postgresql-"));

            String infra = libraries.stream()
                    .filter(name -> name.startsWith("infra-"))
                    .findFirst()
                    .orElseThrow();
            try (InputStream nested = jar.getInputStream(jar.getJarEntry("BOOT-INF/lib/" + infra));
                    java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(nested)) {
                List<String> migrations = new ArrayList<>();
                for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                    if (entry.getName().startsWith("db/migration/V")) {
                        migrations.add(entry.getName());
                    }
                }
                assertThat(migrations).as("migrations in the infra jar").contains("db/migration/V1__event_store.sql");
            }
        }
    }

    private static List<Copy> copies(String dockerfile) {
        List<Copy> copies = new ArrayList<>();
        Matcher copy = COPY.matcher(dockerfile);
        while (copy.find()) {
            copies.add(new Copy(ROOT.resolve(copy.group(1)), copy.group(2)));
        }
        return copies;
    }

    private static Copy jarCopy(List<Copy> copies) {
        return copies.stream()
                .filter(copy -> copy.source().toString().endsWith(".jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile copies no jar"));
    }

    private static List<String> entryPoint(String dockerfile) {
        Matcher entry = ENTRYPOINT.matcher(dockerfile);
        assertThat(entry.find()).as("an ENTRYPOINT in exec form").isTrue();
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(entry.group(1));
        while (word.find()) {
            words.add(word.group(1));
        }
        return words;
    }

    /** The Java release a class file needs: its major version less 44. */
    private static int classFileJava(JarFile jar, JarEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
            assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
            in.readUnsignedShort();
            return in.readUnsignedShort() - 44;
        }
    }
}
