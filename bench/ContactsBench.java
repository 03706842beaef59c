import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contact search benchmark's client (see bench/README.md, "Contacts"). Run from source:
 *
 * <pre>
 * java bench/ContactsBench.java seed base=URL origin=URL email=E password=P count=N clients=C
 * java bench/ContactsBench.java search base=URL origin=URL email=E password=P samples=N term=T [term=T ...]
 * java bench/ContactsBench.java segment-define base=URL origin=URL email=E password=P
 * java bench/ContactsBench.java segment-count base=URL origin=URL email=E password=P id=SEGMENT samples=N
 * </pre>
 *
 * Prints {@code RESULT key=value} lines. Only the given base URL is contacted.
 */
public class ContactsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ITEMS = Pattern.compile("\"id\"\\s*:");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Map<String, String> opts = new HashMap<>();
        List<String> terms = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("term")) {
                terms.add(kv[1]);
            } else {
                opts.put(kv[0], kv[1]);
            }
        }
        String base = opts.get("base");
        String origin = opts.get("origin");
        String token = login(base, origin, opts.get("email"), opts.get("password"));
        switch (mode) {
            case "seed" -> seed(base, origin, token, Integer.parseInt(opts.get("count")), Integer.parseInt(opts.get("clients")));
            case "search" -> search(base, origin, token, Integer.parseInt(opts.get("samples")), terms);
            case "segment-define" -> defineSegment(base, origin, token);
            case "segment-count" -> countSegment(base, origin, token, opts.get("id"), Integer.parseInt(opts.get("samples")));
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static String login(String base, String origin, String email, String password) throws Exception {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                        .header("Origin", origin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** Creates {@code count} contacts through the API with {@code clients} parallel clients. */
    private static void seed(String base, String origin, String token, int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String run = Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String body = "{\"name\":\"Api Seeded " + i + "\",\"company\":\"Bench Co " + (i % 97)
                            + "\",\"emails\":[\"api-" + run + "-" + i + "@bench.example\"],"
                            + "\"tags\":[\"bench\"]}";
                    try {
                        HttpResponse<String> r = HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/contacts"))
                                        .header("Origin", origin)
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        (r.statusCode() == 201 ? created : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("RESULT api_created=%d%n", created.get());
        System.out.printf("RESULT api_failed=%d%n", failed.get());
        System.out.printf("RESULT api_seconds=%.1f%n", seconds);
        System.out.printf("RESULT api_contacts_per_s=%.1f%n", created.get() / seconds);
    }

    /** {@code samples} searches per term, one client, after a warm-up; latency percentiles over all. */
    private static void search(String base, String origin, String token, int samples, List<String> terms)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            get(base, origin, token, terms.get(i % terms.size()));
        }
        List<Double> all = new ArrayList<>();
        for (String term : terms) {
            List<Double> each = new ArrayList<>();
            int hits = 0;
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                hits = get(base, origin, token, term);
                each.add((System.nanoTime() - t0) / 1e6);
            }
            all.addAll(each);
            System.out.printf("RESULT term[%s] hits_on_first_page=%d p50_ms=%.1f p99_ms=%.1f%n", term, hits, pct(each, 50), pct(each, 99));
        }
        System.out.printf("RESULT search_p50_ms=%.1f%n", pct(all, 50));
        System.out.printf("RESULT search_p99_ms=%.1f%n", pct(all, 99));
        System.out.printf("RESULT search_samples=%d%n", all.size());
    }

    private static int get(String base, String origin, String token, String term) throws Exception {
        String q = URLEncoder.encode(term, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/contacts?limit=20&q=" + q))
                        .header("Origin", origin)
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("search failed: " + r.statusCode() + " " + r.body());
        }
        Matcher m = ITEMS.matcher(r.body());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CONTACTS = Pattern.compile("\"contacts\"\\s*:\\s*(\\d+)");

    /**
     * Defines the number field {@code bench_score} and the segment "customers tagged vip scoring 50 or
     * more" (stage + tag + custom field range); prints both ids, so the seeding can give contacts scores.
     */
    private static void defineSegment(String base, String origin, String token) throws Exception {
        String field = post(base + "/api/v1/contact-fields", origin, token,
                "{\"key\":\"bench_score\",\"label\":\"Score\",\"type\":\"number\"}");
        String segment = post(base + "/api/v1/segments", origin, token,
                "{\"name\":\"Bench VIP customers\",\"filter\":{\"match\":\"all\",\"conditions\":["
                        + "{\"type\":\"stage\",\"stages\":[\"customer\"]},"
                        + "{\"type\":\"tags\",\"match\":\"any\",\"tags\":[\"vip\"]},"
                        + "{\"type\":\"field_range\",\"key\":\"bench_score\",\"from\":50}]}}");
        System.out.printf("RESULT field_id=%s%n", field);
        System.out.printf("RESULT segment_id=%s%n", segment);
    }

    /** {@code samples} reads of the segment with its live count, one client, after a warm-up. */
    private static void countSegment(String base, String origin, String token, String id, int samples) throws Exception {
        String count = null;
        List<Double> each = new ArrayList<>();
        for (int i = 0; i < samples + 10; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/segments/" + id))
                            .header("Origin", origin)
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("segment read failed: " + r.statusCode() + " " + r.body());
            }
            if (i >= 10) {
                each.add((System.nanoTime() - t0) / 1e6);
            }
            Matcher m = CONTACTS.matcher(r.body());
            count = m.find() ? m.group(1) : "?";
        }
        System.out.printf("RESULT segment_contacts=%s%n", count);
        System.out.printf("RESULT segment_p50_ms=%.1f%n", pct(each, 50));
        System.out.printf("RESULT segment_p99_ms=%.1f%n", pct(each, 99));
    }

    /** Posts {@code body}, waiting for the read model to show the result; answers the new resource's id. */
    private static String post(String url, String origin, String token, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Origin", origin)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Prefer", "return=representation")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException(url + " failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
