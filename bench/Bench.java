import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load and latency probes for bench/run.sh. No dependencies beyond JDK 17 (java.net.http);
 * run.sh compiles it once with javac, but {@code java bench/Bench.java MODE key=value...} works too.
 *
 * <p>Modes (all print machine-readable {@code RESULT key=value} lines on stdout):
 * <ul>
 *   <li>{@code prepare}: log in, wait until the staff product list shows {@code need} products,
 *       create more until there are {@code min-products}, write their ids to {@code out=FILE}.
 *   <li>{@code patch}: {@code clients} concurrent clients, each with its own login and its own
 *       product, send price-change PATCHes back to back for {@code warmup} + {@code duration}
 *       seconds; only responses completed inside the measured window count. {@code prefix} is the
 *       path before the product id: {@code /api/v1/bench/crud-twin/products/} for the CRUD twin (e).
 *   <li>{@code visibility}: {@code n} sequential PATCHes (no Prefer header) on one product; after
 *       each response, GET the product back to back until it shows the new version.
 *   <li>{@code reads}: fallback when wrk is missing: {@code clients} loops of GET {@code path}.
 *   <li>{@code probe}: one GET of {@code path}; prints the status and the ids of the listed items.
 *   <li>{@code orders}: {@code clients} concurrent clients, each a newly registered customer with
 *       its own product (stock {@code stock}) and its own staff login, loop for {@code warmup} +
 *       {@code duration} seconds: place an order, poll until the payment saga's payment shows,
 *       mark it paid as staff, poll the order until it reads {@code paid}. Orders that read paid
 *       inside the measured window count; the latency is from the placement response to the
 *       first GET that shows {@code paid}. With {@code wait=live} each customer follows its orders
 *       and payments on the live socket ({@code /api/v1/live}) instead of polling: the payment is
 *       the one {@code payment.created} names for the order, paid is {@code order.paid}.
 *   <li>{@code writes} (bench/crash.sh): {@code clients} concurrent clients create products
 *       ({@code POST /api/v1/products}) back to back for at most {@code duration} seconds, or until
 *       the app stops answering; the id of every product whose creation was answered {@code 201}
 *       is appended to {@code out=FILE} at once, so the file holds exactly the acknowledged writes.
 *   <li>{@code readable} (bench/crash.sh): every id in {@code ids=FILE} must be readable with
 *       {@code GET /api/v1/products/{id}} within {@code timeout} seconds (the read model catches
 *       up after a restart); prints how many were checked and how many are lost.
 * </ul>
 */
public class Bench {

    private static Map<String, String> opts;
    private static String base;
    private static String origin;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench prepare|patch|visibility|reads|probe|orders|writes|readable key=value...");
            System.exit(64);
        }
        opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value: " + args[i]);
            }
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        base = opt("base", "http://127.0.0.1:8080");
        origin = opt("origin", "http://shop-a.localhost");
        URI baseUri = URI.create(base);
        String host = baseUri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("refusing to load anything but localhost: " + base);
        }
        switch (args[0]) {
            case "prepare" -> prepare();
            case "patch" -> patch();
            case "visibility" -> visibility();
            case "reads" -> reads();
            case "probe" -> probe();
            case "orders" -> orders();
            case "writes" -> writes();
            case "readable" -> readable();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- modes

    static void prepare() throws Exception {
        int need = Integer.parseInt(opt("need", "9"));
        int min = Integer.parseInt(opt("min-products", "0"));
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(opt("timeout", "90"))).toNanos();
        HttpClient http = client();
        String token = login(http);
        List<String> ids = waitForProducts(http, token, need, deadline);
        int created = 0;
        for (int k = ids.size(); k < min; k++, created++) {
            String body = "{\"name\":\"Bench product " + k + "\",\"slug\":\"bench-product-" + k + "\","
                    + "\"description\":\"Created by bench/run.sh so that a storefront page holds 20 products.\","
                    + "\"kind\":\"PHYSICAL\",\"price\":{\"amountMinor\":" + (1000 + k) + ",\"currency\":\"EUR\"},"
                    + "\"stock\":100,\"active\":true}";
            HttpResponse<String> r = send(http, request("/api/v1/products")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 201) {
                fail("POST /api/v1/products answered " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        if (created > 0) {
            ids = waitForProducts(http, token, min, deadline);
        }
        Files.write(Path.of(opt("out", "product-ids.txt")), ids, StandardCharsets.UTF_8);
        System.out.println("RESULT products=" + ids.size());
        System.out.println("RESULT created=" + created);
    }

    /** The ids of the active products in the staff list, once at least {@code need} are there. */
    static List<String> waitForProducts(HttpClient http, String token, int need, long deadline) throws Exception {
        List<String> ids = List.of();
        String last = "";
        while (true) {
            HttpResponse<String> r = send(http, get("/api/v1/products?limit=50").header("Authorization", "Bearer " + token));
            last = r.statusCode() + " " + abbreviate(r.body());
            if (r.statusCode() == 200) {
                ids = new ArrayList<>();
                Object items = ((Map<?, ?>) Json.parse(r.body())).get("items");
                for (Object item : (List<?>) items) {
                    Map<?, ?> product = (Map<?, ?>) item;
                    if (!Boolean.FALSE.equals(product.get("active"))) {
                        ids.add((String) product.get("id"));
                    }
                }
                if (ids.size() >= need) {
                    return ids;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("only " + ids.size() + " active products in GET /api/v1/products (need " + need + "); last answer: " + last);
            }
            Thread.sleep(250);
        }
    }

    static void patch() throws Exception {
        int clients = Integer.parseInt(opt("clients", "1"));
        double warmup = Double.parseDouble(opt("warmup", "5"));
        double duration = Double.parseDouble(opt("duration", "20"));
        List<String> ids = productIds();
        if (ids.size() < clients) {
            fail("need " + clients + " products, have " + ids.size());
        }
        HttpClient[] https = new HttpClient[clients];
        String[] tokens = new String[clients];
        for (int c = 0; c < clients; c++) {
            https[c] = client();
            tokens[c] = login(https[c]);
        }
        long start = System.nanoTime() + 200_000_000L; // everyone starts together
        long measureFrom = start + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (duration * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong warmupOk = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        String[] firstError = new String[1];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            final int client = c;
            long[] lat = new long[500_000];
            latencies[c] = lat;
            threads[c] = new Thread(() -> {
                HttpClient http = https[client];
                String path = opt("prefix", "/api/v1/products/") + ids.get(client);
                long price = 100_000L + client * 10_000_000L;
                int n = 0;
                long lastVersion = -1;
                while (System.nanoTime() < start) {
                    Thread.onSpinWait();
                }
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    price++;
                    String body = "{\"price\":{\"amountMinor\":" + price + ",\"currency\":\"EUR\"}}";
                    HttpResponse<String> r;
                    try {
                        r = send(http, request(path)
                                .header("Authorization", "Bearer " + tokens[client])
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
                    } catch (Exception e) {
                        r = null;
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e.toString();
                            }
                        }
                    }
                    long t1 = System.nanoTime();
                    boolean good = r != null && r.statusCode() == 200;
                    if (good) {
                        long version = versionOf(r.body());
                        good = version > lastVersion;
                        lastVersion = version;
                    } else if (r != null) {
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = r.statusCode() + " " + abbreviate(r.body());
                            }
                        }
                    }
                    if (t1 < measureFrom) {
                        if (good) {
                            warmupOk.incrementAndGet();
                        }
                        continue;
                    }
                    if (t1 > measureTo) {
                        break;
                    }
                    if (good) {
                        ok.incrementAndGet();
                        if (n < lat.length) {
                            lat[n++] = t1 - t0;
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                }
                counts[client] = n;
            }, "patch-client-" + c);
            threads[c].start();
        }
        CpuProbe cpu = new CpuProbe(measureFrom, measureTo);
        for (Thread t : threads) {
            t.join();
        }
        cpu.join();
        long[] all = new long[Arrays.stream(counts).sum()];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        double rps = ok.get() / duration;
        System.out.println("RESULT clients=" + clients);
        System.out.println("RESULT ok=" + ok.get());
        System.out.println("RESULT errors=" + errors.get());
        System.out.println("RESULT warmup_ok=" + warmupOk.get());
        System.out.println("RESULT rps=" + fmt(rps));
        System.out.println("RESULT latency_p50_ms=" + fmt(percentile(all, 50) / 1e6));
        System.out.println("RESULT latency_p99_ms=" + fmt(percentile(all, 99) / 1e6));
        cpu.print(ok.get());
        if (firstError[0] != null) {
            System.out.println("RESULT first_error=" + oneLine(firstError[0]));
        }
        if (ok.get() == 0) {
            fail("no successful PATCH in the measured window" + (firstError[0] == null ? "" : ": " + firstError[0]));
        }
    }

    static void visibility() throws Exception {
        int n = Integer.parseInt(opt("n", "300"));
        int warm = Integer.parseInt(opt("warm", "20"));
        long timeoutNanos = Duration.ofMillis(Long.parseLong(opt("timeout-ms", "5000"))).toNanos();
        long firstTimeoutNanos = Duration.ofSeconds(Long.parseLong(opt("first-timeout-s", "120"))).toNanos();
        long pauseNanos = Long.parseLong(opt("poll-pause-us", "0")) * 1000L;
        List<String> ids = productIds();
        String id = ids.get(Integer.parseInt(opt("product-index", String.valueOf(ids.size() - 1))));
        HttpClient http = client();
        String token = login(http);
        String path = "/api/v1/products/" + id;
        long[] lags = new long[n];
        long[] polls = new long[n];
        int timeouts = 0;
        long catchUpNanos = 0;
        int immediate = 0;
        long price = 500_000_000L;
        StringBuilder raw = new StringBuilder("i,version,lag_us,polls\n");
        for (int i = -warm; i < n; i++) {
            price++;
            HttpResponse<String> r = send(http, request(path)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "{\"price\":{\"amountMinor\":" + price + ",\"currency\":\"EUR\"}}")));
            long t0 = System.nanoTime();
            if (r.statusCode() != 200) {
                fail("PATCH " + path + " answered " + r.statusCode() + " " + abbreviate(r.body()));
            }
            long version = versionOf(r.body());
            long limit = i == -warm ? firstTimeoutNanos : timeoutNanos;
            long p = 0;
            long seen = -1;
            long t1;
            while (true) {
                HttpResponse<String> g = send(http, get(path).header("Authorization", "Bearer " + token));
                t1 = System.nanoTime();
                p++;
                if (g.statusCode() == 200) {
                    seen = versionOf(g.body());
                    if (seen >= version) {
                        break;
                    }
                } else if (g.statusCode() != 404) {
                    fail("GET " + path + " answered " + g.statusCode() + " " + abbreviate(g.body()));
                }
                if (t1 - t0 > limit) {
                    break;
                }
                if (pauseNanos > 0) {
                    Thread.sleep(pauseNanos / 1_000_000L, (int) (pauseNanos % 1_000_000L));
                }
            }
            boolean visible = seen >= version;
            if (i == -warm) {
                catchUpNanos = t1 - t0;
                if (!visible) {
                    fail("the read model did not reach version " + version + " within "
                            + (limit / 1_000_000_000L) + " s (last seen " + seen + ")");
                }
            }
            if (i < 0) {
                continue;
            }
            if (!visible) {
                timeouts++;
            }
            lags[i] = visible ? t1 - t0 : limit;
            polls[i] = p;
            if (p == 1) {
                immediate++;
            }
            raw.append(i).append(',').append(version).append(',').append((t1 - t0) / 1000).append(',').append(p).append('\n');
        }
        if (opts.containsKey("raw")) {
            Files.writeString(Path.of(opt("raw", "")), raw);
        }
        long[] sorted = lags.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(lags).average().orElse(0);
        System.out.println("RESULT n=" + n);
        System.out.println("RESULT p50_ms=" + fmt(percentile(sorted, 50) / 1e6));
        System.out.println("RESULT p90_ms=" + fmt(percentile(sorted, 90) / 1e6));
        System.out.println("RESULT p99_ms=" + fmt(percentile(sorted, 99) / 1e6));
        System.out.println("RESULT max_ms=" + fmt(sorted[sorted.length - 1] / 1e6));
        System.out.println("RESULT mean_ms=" + fmt(mean / 1e6));
        System.out.println("RESULT timeouts=" + timeouts);
        System.out.println("RESULT visible_on_first_get=" + immediate);
        System.out.println("RESULT mean_polls=" + fmt(Arrays.stream(polls).average().orElse(0)));
        System.out.println("RESULT first_catch_up_ms=" + fmt(catchUpNanos / 1e6));
    }

    static void reads() throws Exception {
        int clients = Integer.parseInt(opt("clients", "8"));
        double duration = Double.parseDouble(opt("duration", "20"));
        String path = opt("path", "/api/v1/public/products?limit=20");
        long start = System.nanoTime() + 200_000_000L;
        long end = start + (long) (duration * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            HttpClient http = client();
            threads[c] = new Thread(() -> {
                while (System.nanoTime() < start) {
                    Thread.onSpinWait();
                }
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = send(http, get(path));
                        if (System.nanoTime() <= end) {
                            (r.statusCode() == 200 ? ok : errors).incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("RESULT ok=" + ok.get());
        System.out.println("RESULT errors=" + errors.get());
        System.out.println("RESULT rps=" + fmt(ok.get() / duration));
    }

    static void probe() throws Exception {
        HttpResponse<String> r = send(client(), get(opt("path", "/api/v1/public/products?limit=20")));
        System.out.println("RESULT status=" + r.statusCode());
        List<String> ids = new ArrayList<>();
        if (r.statusCode() == 200) {
            Object items = ((Map<?, ?>) Json.parse(r.body())).get("items");
            if (items instanceof List<?> list) {
                for (Object item : list) {
                    ids.add(String.valueOf(((Map<?, ?>) item).get("id")));
                }
            }
        }
        System.out.println("RESULT items=" + ids.size());
        System.out.println("RESULT ids=" + String.join(",", ids));
        if (opts.containsKey("body")) {
            Files.writeString(Path.of(opt("body", "")), r.body());
        }
    }

    /** Where an order's trip failed, for the failure counts. */
    static final class OrderFailure extends Exception {
        final String stage;

        OrderFailure(String stage, String message) {
            super(stage + ": " + message);
            this.stage = stage;
        }
    }

    static void orders() throws Exception {
        int clients = Integer.parseInt(opt("clients", "8"));
        double warmup = Double.parseDouble(opt("warmup", "10"));
        double duration = Double.parseDouble(opt("duration", "20"));
        long timeoutNanos = Duration.ofMillis(Long.parseLong(opt("timeout-ms", "10000"))).toNanos();
        long pauseMillis = Long.parseLong(opt("poll-pause-ms", "2"));
        boolean live = switch (opt("wait", "poll")) {
            case "poll" -> false;
            case "live" -> true;
            default -> throw new IllegalArgumentException("wait is poll or live: " + opt("wait", ""));
        };
        int stock = Integer.parseInt(opt("stock", "1000000"));
        String run = Long.toString(System.currentTimeMillis(), 36);
        String domain = URI.create(origin).getHost();

        // Setup: per client a staff (owner) session, a new customer and a product of its own, so
        // that clients never contend for one product's stock row or one customer.
        HttpClient[] https = new HttpClient[clients];
        String[] staff = new String[clients];
        String[] customers = new String[clients];
        String[] products = new String[clients];
        for (int c = 0; c < clients; c++) {
            https[c] = client();
            staff[c] = login(https[c]);
            String email = "bench-" + run + "-" + c + "@" + domain;
            HttpResponse<String> reg = send(https[c], request("/api/v1/auth/register")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                            + "\",\"password\":\"bench-password-1\",\"displayName\":\"Bench customer " + c + "\"}")));
            if (reg.statusCode() != 201) {
                fail("POST /api/v1/auth/register answered " + reg.statusCode() + " " + abbreviate(reg.body()));
            }
            customers[c] = (String) ((Map<?, ?>) Json.parse(reg.body())).get("accessToken");
            String slug = "bench-order-" + run + "-" + c;
            HttpResponse<String> prod = send(https[c], request("/api/v1/products")
                    .header("Authorization", "Bearer " + staff[c])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench order product " + c + "\",\"slug\":\""
                            + slug + "\",\"kind\":\"PHYSICAL\",\"price\":{\"amountMinor\":" + (1250 + c)
                            + ",\"currency\":\"EUR\"},\"stock\":" + stock + ",\"active\":true}")));
            if (prod.statusCode() != 201) {
                fail("POST /api/v1/products answered " + prod.statusCode() + " " + abbreviate(prod.body()));
            }
            products[c] = (String) ((Map<?, ?>) Json.parse(prod.body())).get("id");
        }
        LiveOrders[] sockets = new LiveOrders[clients];
        for (int c = 0; live && c < clients; c++) {
            sockets[c] = LiveOrders.open(https[c], customers[c]);
        }
        System.out.println("RESULT wait=" + (live ? "live" : "poll"));
        System.out.println("RESULT stock_per_product=" + stock);

        long start = System.nanoTime() + 200_000_000L; // everyone starts together
        long measureFrom = start + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (duration * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong warmupOk = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong warmupErrors = new AtomicLong();
        Map<String, AtomicLong> errorsByStage = new java.util.concurrent.ConcurrentSkipListMap<>();
        String[] firstError = new String[1];
        // Per client, per completed order: end-to-end, place, payment visible, mark-paid, paid visible.
        long[][][] samples = new long[clients][5][];
        int[] counts = new int[clients];
        long[] polls = new long[2];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            final int client = c;
            for (int k = 0; k < 5; k++) {
                samples[c][k] = new long[200_000];
            }
            threads[c] = new Thread(() -> {
                HttpClient http = https[client];
                String body = "{\"lines\":[{\"productId\":\"" + products[client] + "\",\"quantity\":1}],"
                        + "\"billing\":{\"name\":\"Bench customer\",\"line1\":\"1 Main St\",\"city\":\"Springfield\","
                        + "\"postalCode\":\"12345\",\"country\":\"US\"}}";
                int n = 0;
                long paymentPolls = 0;
                long orderPolls = 0;
                while (System.nanoTime() < start) {
                    Thread.onSpinWait();
                }
                while (System.nanoTime() < measureTo) {
                    long t0 = System.nanoTime();
                    long[] t = new long[4];
                    try {
                        // 1. place
                        HttpResponse<String> placed = call("place", http, request("/api/v1/orders")
                                .header("Authorization", "Bearer " + customers[client])
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                        t[0] = System.nanoTime();
                        if (placed.statusCode() != 201) {
                            throw new OrderFailure("place", "POST /api/v1/orders answered " + placed.statusCode()
                                    + " " + abbreviate(placed.body()));
                        }
                        String orderId = (String) ((Map<?, ?>) Json.parse(placed.body())).get("id");
                        long deadline = t[0] + timeoutNanos;
                        // 2. the payment the saga opened
                        String paymentId = live ? sockets[client].awaitPayment(orderId, deadline) : null;
                        if (live && paymentId == null) {
                            throw new OrderFailure("payment-visible", "no payment.created for order " + orderId
                                    + " after " + timeoutNanos / 1_000_000 + " ms" + sockets[client].closed());
                        }
                        String last = "";
                        while (paymentId == null) {
                            HttpResponse<String> r = call("payment-visible", http,
                                    get("/api/v1/payments?orderId=" + orderId)
                                            .header("Authorization", "Bearer " + customers[client]));
                            paymentPolls++;
                            last = r.statusCode() + " " + abbreviate(r.body());
                            if (r.statusCode() == 200) {
                                Object items = ((Map<?, ?>) Json.parse(r.body())).get("items");
                                if (items instanceof List<?> list && !list.isEmpty()) {
                                    paymentId = (String) ((Map<?, ?>) list.get(0)).get("id");
                                    break;
                                }
                            } else {
                                throw new OrderFailure("payment-visible", "GET /api/v1/payments?orderId= answered " + last);
                            }
                            if (System.nanoTime() > deadline) {
                                throw new OrderFailure("payment-visible", "no payment for order " + orderId + " after "
                                        + timeoutNanos / 1_000_000 + " ms; last answer " + last);
                            }
                            Thread.sleep(pauseMillis);
                        }
                        t[1] = System.nanoTime();
                        // 3. staff confirm the money arrived
                        HttpResponse<String> paid = call("mark-paid", http,
                                request("/api/v1/payments/" + paymentId + "/mark-paid")
                                        .header("Authorization", "Bearer " + staff[client])
                                        .POST(HttpRequest.BodyPublishers.noBody()));
                        t[2] = System.nanoTime();
                        if (paid.statusCode() != 200) {
                            throw new OrderFailure("mark-paid", "POST /api/v1/payments/" + paymentId + "/mark-paid answered "
                                    + paid.statusCode() + " " + abbreviate(paid.body()));
                        }
                        // 4. the saga marks the order paid; wait until the read model shows it
                        String status = "";
                        if (live && !sockets[client].awaitPaid(orderId, deadline)) {
                            throw new OrderFailure("order-paid", "no order.paid for order " + orderId + " "
                                    + timeoutNanos / 1_000_000 + " ms after placement (payment " + paymentId
                                    + " marked paid)" + sockets[client].closed());
                        }
                        while (!live) {
                            HttpResponse<String> r = call("order-paid", http,
                                    get("/api/v1/orders/" + orderId).header("Authorization", "Bearer " + customers[client]));
                            orderPolls++;
                            if (r.statusCode() == 404) {
                                // The orders projection runs apart from the payments one and the
                                // saga: the order may not be readable yet.
                                status = "not yet readable (404)";
                            } else if (r.statusCode() != 200) {
                                throw new OrderFailure("order-paid", "GET /api/v1/orders/" + orderId + " answered "
                                        + r.statusCode() + " " + abbreviate(r.body()));
                            } else {
                                status = String.valueOf(((Map<?, ?>) Json.parse(r.body())).get("status"));
                            }
                            if ("paid".equals(status)) {
                                break;
                            }
                            if (r.statusCode() == 200 && !"pending".equals(status)) {
                                throw new OrderFailure("order-paid", "order " + orderId + " became " + status + ": "
                                        + abbreviate(r.body()));
                            }
                            if (System.nanoTime() > deadline) {
                                throw new OrderFailure("order-paid", "order " + orderId + " still " + status + " "
                                        + timeoutNanos / 1_000_000 + " ms after placement (payment " + paymentId
                                        + " marked paid)");
                            }
                            Thread.sleep(pauseMillis);
                        }
                        t[3] = System.nanoTime();
                    } catch (OrderFailure f) {
                        long now = System.nanoTime();
                        if (now > measureTo) {
                            break;
                        }
                        (now < measureFrom ? warmupErrors : errors).incrementAndGet();
                        errorsByStage.computeIfAbsent(f.stage, k -> new AtomicLong()).incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = f.getMessage();
                            }
                        }
                        continue;
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (t[3] < measureFrom) {
                        warmupOk.incrementAndGet();
                        continue;
                    }
                    if (t[3] > measureTo) {
                        break;
                    }
                    ok.incrementAndGet();
                    if (n < samples[client][0].length) {
                        samples[client][0][n] = t[3] - t[0];
                        samples[client][1][n] = t[0] - t0;
                        samples[client][2][n] = t[1] - t[0];
                        samples[client][3][n] = t[2] - t[1];
                        samples[client][4][n] = t[3] - t[2];
                        n++;
                    }
                }
                counts[client] = n;
                synchronized (polls) {
                    polls[0] += paymentPolls;
                    polls[1] += orderPolls;
                }
            }, "order-client-" + c);
            threads[c].start();
        }
        CpuProbe cpu = new CpuProbe(measureFrom, measureTo);
        for (Thread th : threads) {
            th.join();
        }
        cpu.join();
        for (LiveOrders socket : sockets) {
            if (socket != null) {
                socket.close();
            }
        }
        String[] names = {"latency", "place", "payment_visible", "mark_paid", "paid_visible"};
        int total = Arrays.stream(counts).sum();
        System.out.println("RESULT clients=" + clients);
        System.out.println("RESULT ok=" + ok.get());
        System.out.println("RESULT warmup_ok=" + warmupOk.get());
        System.out.println("RESULT errors=" + errors.get());
        System.out.println("RESULT warmup_errors=" + warmupErrors.get());
        StringBuilder stages = new StringBuilder();
        errorsByStage.forEach((k, v) -> stages.append(stages.length() == 0 ? "" : ",").append(k).append(':').append(v.get()));
        System.out.println("RESULT errors_by_stage=" + (stages.length() == 0 ? "none" : stages));
        System.out.println("RESULT ops=" + fmt(ok.get() / duration));
        for (int k = 0; k < names.length; k++) {
            long[] all = new long[total];
            int at = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(samples[c][k], 0, all, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(all);
            System.out.println("RESULT " + names[k] + "_p50_ms=" + fmt(percentile(all, 50) / 1e6));
            System.out.println("RESULT " + names[k] + "_p99_ms=" + fmt(percentile(all, 99) / 1e6));
            if (k == 0) {
                System.out.println("RESULT latency_max_ms=" + fmt(all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6));
            }
        }
        long attempts = ok.get() + warmupOk.get() + errors.get() + warmupErrors.get();
        System.out.println("RESULT payment_polls_per_order=" + fmt(attempts == 0 ? Double.NaN : (double) polls[0] / attempts));
        System.out.println("RESULT order_polls_per_order=" + fmt(attempts == 0 ? Double.NaN : (double) polls[1] / attempts));
        cpu.print(ok.get());
        if (firstError[0] != null) {
            System.out.println("RESULT first_error=" + oneLine(firstError[0]));
        }
        if (ok.get() == 0) {
            fail("no order was placed and paid in the measured window" + (firstError[0] == null ? "" : ": " + firstError[0]));
        }
    }

    static void writes() throws Exception {
        int clients = Integer.parseInt(opt("clients", "4"));
        long end = System.nanoTime() + (long) (Double.parseDouble(opt("duration", "30")) * 1e9);
        String tag = opt("tag", Long.toString(System.currentTimeMillis(), 36));
        Path out = Path.of(opt("out", "acknowledged.txt"));
        HttpClient http = client();
        String bearer = loginPatiently(http, end);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        String[] firstRefusal = new String[1];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            final int client = c;
            threads[c] = new Thread(() -> {
                int failuresInARow = 0;
                for (int k = 0; System.nanoTime() < end && failuresInARow < 20; k++) {
                    String slug = "crash-" + tag + "-" + client + "-" + k;
                    String body = "{\"name\":\"Crash test " + slug + "\",\"slug\":\"" + slug + "\","
                            + "\"kind\":\"PHYSICAL\",\"price\":{\"amountMinor\":1000,\"currency\":\"EUR\"},"
                            + "\"stock\":1,\"active\":true}";
                    try {
                        HttpResponse<String> r = send(http, request("/api/v1/products")
                                .header("Authorization", "Bearer " + bearer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                        if (r.statusCode() == 201) {
                            String location = r.headers().firstValue("Location").orElseThrow();
                            String id = location.substring(location.lastIndexOf('/') + 1);
                            synchronized (out) {
                                // One write per acknowledgement: the file is complete whenever the app dies.
                                Files.writeString(out, id + "\n", StandardCharsets.UTF_8,
                                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                            }
                            acknowledged.incrementAndGet();
                            failuresInARow = 0;
                        } else {
                            refused.incrementAndGet();
                            synchronized (firstRefusal) {
                                if (firstRefusal[0] == null) {
                                    firstRefusal[0] = r.statusCode() + " " + abbreviate(r.body());
                                }
                            }
                        }
                    } catch (IOException e) {
                        // The app was killed: this request may or may not have been committed, and
                        // nobody was told it was, so it is no acknowledged write.
                        unanswered.incrementAndGet();
                        failuresInARow++;
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    } catch (Exception e) {
                        unanswered.incrementAndGet();
                        failuresInARow++;
                    }
                }
            }, "write-client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("RESULT acknowledged=" + acknowledged.get());
        System.out.println("RESULT refused=" + refused.get());
        System.out.println("RESULT unanswered=" + unanswered.get());
        if (firstRefusal[0] != null) {
            System.out.println("RESULT first_refusal=" + oneLine(firstRefusal[0]));
        }
    }

    static void readable() throws Exception {
        List<String> ids = productIds();
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(opt("timeout", "60"))).toNanos();
        HttpClient http = client();
        String token = loginPatiently(http, deadline);
        List<String> lost = new ArrayList<>();
        for (String id : ids) {
            String last = "";
            while (true) {
                HttpResponse<String> r;
                try {
                    r = send(http, get("/api/v1/products/" + id).header("Authorization", "Bearer " + token));
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    continue; // a request over its time limit on a busy machine: ask again
                }
                if (r.statusCode() == 200) {
                    break;
                }
                last = r.statusCode() + " " + abbreviate(r.body());
                if (r.statusCode() != 404 || System.nanoTime() > deadline) {
                    lost.add(id + " (" + last + ")");
                    break;
                }
                Thread.sleep(20); // the read model is catching up with the event store
            }
        }
        System.out.println("RESULT checked=" + ids.size());
        System.out.println("RESULT lost=" + lost.size());
        for (String l : lost) {
            System.out.println("LOST " + l);
        }
    }

    /** A login retried until {@code deadline}: a freshly started JVM on a busy machine can exceed one request's time limit. */
    static String loginPatiently(HttpClient http, long deadline) throws Exception {
        while (true) {
            try {
                return login(http);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /**
     * A customer's live socket in {@code orders wait=live}: subscribed to its orders and payments,
     * it remembers the payment each {@code payment.created} names for an order and each order that
     * {@code order.paid} announced, and wakes the client waiting for either. Events may arrive before
     * the placement's answer does; they wait here until asked for.
     */
    static final class LiveOrders implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private final Map<String, String> paymentOf = new HashMap<>();
        private final Set<String> paid = new HashSet<>();
        private boolean subscribed;
        private String closed;
        private WebSocket socket;

        static LiveOrders open(HttpClient http, String token) throws Exception {
            LiveOrders live = new LiveOrders();
            URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/live");
            live.socket = http.newWebSocketBuilder()
                    .header("Origin", origin)
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, live)
                    .get(10, TimeUnit.SECONDS);
            live.socket.sendText("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"payments\"]}", true)
                    .get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (live) {
                while (!live.subscribed && live.closed == null && System.nanoTime() < deadline) {
                    live.wait(100);
                }
                if (!live.subscribed) {
                    fail("the live socket did not confirm the subscription" + live.closed());
                }
            }
            return live;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frame(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (this) {
                closed = statusCode + " " + reason;
                notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            synchronized (this) {
                closed = error.toString();
                notifyAll();
            }
        }

        private synchronized void frame(String text) {
            Map<?, ?> frame = (Map<?, ?>) Json.parse(text);
            if ("subscribed".equals(frame.get("type"))) {
                subscribed = true;
            } else if ("event".equals(frame.get("type")) && frame.get("event") instanceof Map<?, ?> event
                    && event.get("data") instanceof Map<?, ?> data) {
                if ("payment.created".equals(event.get("type"))) {
                    paymentOf.put(String.valueOf(data.get("orderId")), String.valueOf(event.get("aggregateId")));
                } else if ("order.paid".equals(event.get("type"))) {
                    paid.add(String.valueOf(data.get("orderId")));
                }
            }
            notifyAll();
        }

        /** The payment {@code payment.created} named for {@code order}; null when none came by {@code deadline}. */
        synchronized String awaitPayment(String order, long deadline) throws InterruptedException {
            while (!paymentOf.containsKey(order) && closed == null && waitUntil(deadline)) {
                // woken by a frame, by the socket's end or at the deadline
            }
            return paymentOf.remove(order);
        }

        /** Whether {@code order.paid} came for {@code order} by {@code deadline}. */
        synchronized boolean awaitPaid(String order, long deadline) throws InterruptedException {
            while (!paid.contains(order) && closed == null && waitUntil(deadline)) {
                // woken by a frame, by the socket's end or at the deadline
            }
            return paid.remove(order);
        }

        private boolean waitUntil(long deadline) throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
            return true;
        }

        synchronized String closed() {
            return closed == null ? "" : " (the live socket closed: " + closed + ")";
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /** One request of an order's trip; an I/O failure is a failure of that stage. */
    static HttpResponse<String> call(String stage, HttpClient http, HttpRequest.Builder request)
            throws OrderFailure, InterruptedException {
        try {
            return send(http, request);
        } catch (IOException e) {
            throw new OrderFailure(stage, e.toString());
        }
    }

    /**
     * CPU time of the app JVM ({@code app-pid}) and of PostgreSQL ({@code pg-pid}: the postmaster,
     * with the time of the backends it reaped, plus its live backends) over the measured window,
     * read from /proc (Linux only; silently absent elsewhere).
     */
    static final class CpuProbe extends Thread {
        private final long from;
        private final long to;
        private final long appPid = Long.parseLong(opt("app-pid", "0"));
        private final long pgPid = Long.parseLong(opt("pg-pid", "0"));
        private final double hz = Double.parseDouble(opt("clk-tck", "100"));
        private long[] start;
        private long[] end;

        CpuProbe(long from, long to) {
            this.from = from;
            this.to = to;
            setDaemon(true);
            if (appPid > 0 || pgPid > 0) {
                start();
            }
        }

        @Override
        public void run() {
            try {
                sleepUntil(from);
                start = sample();
                sleepUntil(to);
                end = sample();
            } catch (Exception e) {
                start = end = null;
            }
        }

        private static void sleepUntil(long nanos) throws InterruptedException {
            long wait;
            while ((wait = nanos - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, wait / 1_000_000L));
            }
        }

        private long[] sample() throws IOException {
            long app = 0;
            long pg = 0;
            try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path dir : dirs) {
                    Stat stat = Stat.of(dir);
                    if (stat == null) {
                        continue;
                    }
                    long pid = Long.parseLong(dir.getFileName().toString());
                    String[] f = stat.fields();
                    long ppid = Long.parseLong(f[1]);
                    long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    if (pid == appPid) {
                        app += own;
                    }
                    if (pid == pgPid) {
                        pg += own + reaped;
                    } else if (ppid == pgPid && pgPid > 0) {
                        pg += own;
                    }
                }
            }
            return new long[] {app, pg, compilerTicks()};
        }

        /**
         * The app's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"): compiling is
         * warm-up work, done once per code path however long the process runs, so the share of it
         * says how far a figure is from the steady state.
         */
        private long compilerTicks() throws IOException {
            if (appPid <= 0) {
                return 0;
            }
            long ticks = 0;
            try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(appPid), "task"))) {
                for (Path task : tasks) {
                    Stat stat = Stat.of(task);
                    if (stat != null
                            && (stat.name().startsWith("C1 CompilerThre") || stat.name().startsWith("C2 CompilerThre"))) {
                        ticks += Long.parseLong(stat.fields()[11]) + Long.parseLong(stat.fields()[12]);
                    }
                }
            } catch (IOException gone) {
                return 0;
            }
            return ticks;
        }

        /** A process's or thread's {@code /proc/…/stat}: its name, and the fields after it (state first). */
        record Stat(String name, String[] fields) {
            /** Null when the process or thread is gone. */
            static Stat of(Path dir) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException gone) {
                    return null;
                }
                return new Stat(
                        stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                        stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
            }
        }

        void print(long requests) {
            if (start == null || end == null || requests == 0) {
                return;
            }
            if (appPid > 0) {
                System.out.println("RESULT app_cpu_ms_per_req=" + fmt((end[0] - start[0]) * 1000 / hz / requests));
                System.out.println("RESULT app_jit_cpu_ms_per_req=" + fmt((end[2] - start[2]) * 1000 / hz / requests));
            }
            if (pgPid > 0) {
                System.out.println("RESULT pg_cpu_ms_per_req=" + fmt((end[1] - start[1]) * 1000 / hz / requests));
            }
        }
    }

    // ---------------------------------------------------------------- HTTP helpers

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Origin", origin)
                .header("Accept", "application/json");
    }

    static HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String login(HttpClient http) throws Exception {
        String body = "{\"email\":\"" + opt("email", "owner@shop-a.localhost") + "\",\"password\":\""
                + opt("password", "demo1234!") + "\"}";
        HttpResponse<String> r = send(http, request("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 200) {
            fail("login answered " + r.statusCode() + " " + abbreviate(r.body()));
        }
        Object token = ((Map<?, ?>) Json.parse(r.body())).get("accessToken");
        if (!(token instanceof String s) || s.isEmpty()) {
            fail("login answer has no accessToken: " + abbreviate(r.body()));
        }
        return (String) token;
    }

    static List<String> productIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opt("ids", "product-ids.txt")))) {
            if (!line.isBlank()) {
                ids.add(line.trim());
            }
        }
        return ids;
    }

    static long versionOf(String json) {
        Object v = ((Map<?, ?>) Json.parse(json)).get("version");
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("no numeric version in " + abbreviate(json));
        }
        return n.longValue();
    }

    // ---------------------------------------------------------------- small utilities

    static String opt(String key, String fallback) {
        return opts.getOrDefault(key, fallback);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest-rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String abbreviate(String s) {
        s = oneLine(s);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ");
    }

    static void fail(String message) {
        System.out.println("RESULT error=" + oneLine(message));
        System.err.println("Bench: " + message);
        System.exit(1);
    }

    /** Just enough JSON to read this API's answers: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != p.s.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private Number number() {
            int from = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String t = s.substring(from, i);
            if (t.isEmpty()) {
                throw error("unexpected character");
            }
            if (t.contains(".") || t.contains("e") || t.contains("E")) {
                return Double.parseDouble(t);
            }
            return Long.parseLong(t);
        }

        private void literal(String word) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in " + abbreviate(s));
        }
    }
}
