import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}) into the tables of
 * bench/README.md, "Where the app's CPU goes" (bench/profile.sh runs it):
 *
 * <ul>
 *   <li><b>stages</b>: a sample with a frame of a {@link #LIBRARIES library} on its stack counts
 *       for that library (Jackson called from the serializer is JSON, the PostgreSQL driver is
 *       JDBC, whoever called them); any other for the {@link #LAYERS layer} of its topmost
 *       non-JDK frame;
 *   <li><b>threads</b>: samples per thread group (request threads, each event processor, …);
 *   <li><b>top frames</b>: the methods on top of the stack (self time), the first {@code top}.
 * </ul>
 *
 * Before them, the garbage collections of the window: how many, their pauses in all, the longest.
 *
 * Usage: {@code java bench/Profile.java recording.jfr [top] [since-epoch-millis]}; prints markdown.
 * A JFR dump with {@code maxage} keeps whole chunks, so it can reach back to the start of the JVM;
 * with {@code since}, samples taken before that instant (the start, the warm-up) are left out.
 */
public class Profile {

    /**
     * Libraries that do one kind of work: a sample with a frame of one of them anywhere on its stack
     * is charged to the first of these (in this order), whoever called it.
     */
    private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

    /**
     * Layers that call everything else: a sample no library claims is charged to the layer of the
     * frame nearest the top of its stack (the JDK's own frames skipped).
     */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LIBRARIES.put("cryptography (AES-GCM, signatures, hashes)", List.of("javax.crypto.", "com.sun.crypto.", "sun.security."));
        LIBRARIES.put("JSON (Jackson)", List.of("com.fasterxml.jackson."));
        LIBRARIES.put("JDBC (PostgreSQL driver)", List.of("org.postgresql."));
        LIBRARIES.put("connection pool (Hikari)", List.of("com.zaxxer.hikari."));
        LIBRARIES.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
        LIBRARIES.put("JWT", List.of("com.nimbusds."));
        LAYERS.put("application code", List.of("dev.tenantcore."));
        LAYERS.put("Axon event store / processors", List.of("org.axonframework.eventsourcing.", "org.axonframework.eventhandling."));
        LAYERS.put("Axon (commands, aggregates, messaging)", List.of("org.axonframework."));
        LAYERS.put("Spring (web, security, transactions)", List.of("org.springframework."));
        LAYERS.put("HTTP server (Tomcat)", List.of("org.apache.tomcat.", "org.apache.catalina.", "org.apache.coyote."));
        LAYERS.put("other libraries", List.of(""));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        java.time.Instant since = args.length > 2 ? java.time.Instant.ofEpochMilli(Long.parseLong(args[2])) : java.time.Instant.MIN;
        Map<String, Long> stages = new LinkedHashMap<>();
        LIBRARIES.keySet().forEach(s -> stages.put(s, 0L));
        LAYERS.keySet().forEach(s -> stages.put(s, 0L));
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> frames = new HashMap<>();
        long total = 0;
        List<Double> pauses = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.GarbageCollection") && !event.getStartTime().isBefore(since)) {
                pauses.add(event.getDuration("sumOfPauses").toNanos() / 1e6);
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty() || event.getStartTime().isBefore(since)) {
                continue;
            }
            total++;
            List<RecordedFrame> trace = stack.getFrames();
            stages.merge(stageOf(trace), 1L, Long::sum);
            RecordedFrame first = trace.get(0);
            frames.merge(first.getMethod().getType().getName() + "." + first.getMethod().getName(), 1L, Long::sum);
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(threadGroup(thread), 1L, Long::sum);
        }
        System.out.printf("CPU samples: %d%n%n", total);
        pauses.sort(null);
        double paused = pauses.stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("Garbage collections: %d, paused %.1f ms in all, longest %.1f ms, median %.1f ms%n%n",
                pauses.size(), paused, pauses.isEmpty() ? 0 : pauses.get(pauses.size() - 1),
                pauses.isEmpty() ? 0 : pauses.get(pauses.size() / 2));
        table("stage", stages, total, Integer.MAX_VALUE);
        table("thread", threads, total, 15);
        table("top frame (self)", frames, total, top);
    }

    private static String stageOf(List<RecordedFrame> trace) {
        for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
            for (RecordedFrame frame : trace) {
                if (matches(frame, library.getValue())) {
                    return library.getKey();
                }
            }
        }
        for (RecordedFrame frame : trace) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
                if (matches(frame, layer.getValue())) {
                    return layer.getKey();
                }
            }
        }
        return "JDK only";
    }

    private static boolean matches(RecordedFrame frame, List<String> prefixes) {
        String type = frame.getMethod().getType().getName();
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Thread names without their running numbers: {@code http-nio-…-exec-3} → {@code http-nio-…-exec}. */
    private static String threadGroup(String name) {
        return name.replaceAll("[-#\\]\\[]?\\d+\\]?$", "").replaceAll("\\d+$", "");
    }

    private static void table(String heading, Map<String, Long> counts, long total, int limit) {
        System.out.printf("| %s | samples | share |%n|---|---:|---:|%n", heading);
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        if (!heading.startsWith("stage")) {
            rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        }
        rows.stream().limit(limit).forEach(row -> System.out.printf(
                "| `%s` | %d | %.1f %% |%n", row.getKey(), row.getValue(), 100.0 * row.getValue() / Math.max(1, total)));
        System.out.println();
    }
}
