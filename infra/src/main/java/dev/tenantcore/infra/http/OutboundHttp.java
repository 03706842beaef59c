package dev.tenantcore.infra.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The one way out of the service over HTTP: payment providers, domain verification, and whatever
 * calls out next. Every call made through it is a server-side request on somebody's behalf, often
 * to a host a tenant chose, so it is built not to be a way into our own network (SSRF):
 *
 * <ul>
 *   <li>a host is resolved once, within its own DNS timeout, and every address it resolves to must
 *       be public ({@link PublicAddresses}); one private address among public ones refuses the
 *       host, so a round-robin answer cannot smuggle one in;
 *   <li>the connection goes to the addresses of that one resolution: the HTTP client's only DNS
 *       resolver is this check, so nothing resolves the name a second time (DNS rebinding);
 *   <li>no redirects, no automatic retries, no proxy, no cookies, no decompression (a compressed
 *       body would get past the size cap);
 *   <li>connect, read (between bytes) and total timeouts, and a cap on the response body.
 * </ul>
 *
 * <p>{@code app.outbound-http.allow-private-addresses} lifts the address rule for tests that
 * stand a stub on 127.0.0.1; nothing else does, and it is off unless set.
 */
@Component
public class OutboundHttp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);

    private final OutboundHttpProperties properties;
    private final HostResolver resolver;
    private final ExecutorService lookups;
    private final ScheduledThreadPoolExecutor deadlines;

    @Autowired
    public OutboundHttp(OutboundHttpProperties properties, ObjectProvider<HostResolver> resolver) {
        this(properties, resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    }

    public OutboundHttp(OutboundHttpProperties properties, HostResolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
        // Bounded: a DNS server that hangs ties up at most this many threads, never the callers.
        this.lookups =
                new ThreadPoolExecutor(0, 32, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("outbound-dns"));
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemon("outbound-deadline"));
        this.deadlines.setRemoveOnCancelPolicy(true);
        if (properties.isAllowPrivateAddresses()) {
            log.warn("outbound HTTP may reach private addresses; never enable this outside tests");
        }
    }

    /** How long a call may take and how much it may read. */
    public record Limits(Duration connect, Duration read, Duration total, int maxResponseBytes) {

        public Limits withMaxResponseBytes(int bytes) {
            return new Limits(connect, read, total, bytes);
        }
    }

    /** A whole response; {@code truncated} when the body was cut at the cap (see {@link Client#execute}). */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {}

    /** The configured limits, for callers that need nothing tighter. */
    public Limits defaults() {
        return new Limits(
                properties.getConnectTimeout(),
                properties.getReadTimeout(),
                properties.getTotalTimeout(),
                properties.getMaxResponseBytes());
    }

    /** Whether tests lifted the address rule; a caller that also relaxes its own rules (http) asks here. */
    public boolean allowsPrivateAddresses() {
        return properties.isAllowPrivateAddresses();
    }

    /**
     * Every address of {@code host}, looked up once within the DNS timeout.
     *
     * @throws RefusedAddressException when any of them is not public
     * @throws UnknownHostException when the name does not resolve in time
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> resolver.resolve(bare));
        } catch (RejectedExecutionException e) {
            throw new UnknownHostException("too many lookups in flight: " + bare);
        }
        InetAddress[] addresses;
        try {
            addresses = lookup.get(properties.getDnsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(bare + " did not resolve within " + properties.getDnsTimeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(bare + " could not be resolved");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(bare + " was not resolved: interrupted");
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare);
        }
        requirePublic(bare, Arrays.asList(addresses));
        return List.of(addresses);
    }

    /** Refuses {@code host} unless every one of its addresses is public (or tests allow private ones). */
    public void requirePublic(String host, Collection<InetAddress> addresses) throws RefusedAddressException {
        if (!properties.isAllowPrivateAddresses() && !addresses.stream().allMatch(PublicAddresses::isPublic)) {
            throw new RefusedAddressException(host);
        }
    }

    /**
     * A client for one kind of call. Each holds its own connection pool with the given limits;
     * make one at start and keep it (it is thread-safe), and close it on shutdown.
     */
    public Client client(String userAgent, Limits limits) {
        return new Client(userAgent, limits);
    }

    @Override
    public void destroy() {
        lookups.shutdownNow();
        deadlines.shutdownNow();
    }

    public final class Client implements Closeable {

        private final Limits limits;
        private final CloseableHttpClient http;

        private Client(String userAgent, Limits limits) {
            this.limits = limits;
            Timeout connect = Timeout.of(limits.connect());
            Timeout read = Timeout.of(limits.read());
            this.http = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setDnsResolver(new GuardedDnsResolver())
                            .setDefaultConnectionConfig(ConnectionConfig.custom()
                                    .setConnectTimeout(connect)
                                    .setSocketTimeout(read)
                                    .build())
                            .setDefaultSocketConfig(
                                    SocketConfig.custom().setSoTimeout(read).build())
                            .setMaxConnTotal(50)
                            .setMaxConnPerRoute(5)
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setConnectionRequestTimeout(connect)
                            .setResponseTimeout(read)
                            .setRedirectsEnabled(false)
                            .build())
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .disableCookieManagement()
                    .disableAuthCaching()
                    .disableContentCompression()
                    .setUserAgent(userAgent)
                    .build();
        }

        public Limits limits() {
            return limits;
        }

        /**
         * Sends {@code request} to {@code target} (null: the request's own URI) and reads the whole
         * answer within the total timeout. A body longer than the cap fails with {@link
         * ResponseTooLargeException}, or, when {@code truncate}, is cut there and marked truncated
         * (for callers that only look at a body's beginning). Either way the connection is then cut
         * rather than drained.
         */
        public Response execute(HttpHost target, HttpUriRequestBase request, boolean truncate) throws IOException {
            OutboundDeadline.requireTimeLeft();
            ScheduledFuture<?> deadline = cancelAfterTotal(request);
            ClassicHttpResponse response = null;
            boolean complete = false;
            try {
                response = http.executeOpen(target, request, null);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(header.getValue());
                }
                int cap = limits.maxResponseBytes();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                HttpEntity entity = response.getEntity();
                if (entity != null) {
                    InputStream in = entity.getContent();
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer, 0, Math.min(buffer.length, cap + 1 - out.size()))) > 0) {
                        out.write(buffer, 0, n);
                        if (out.size() > cap) {
                            break;
                        }
                    }
                }
                boolean truncated = out.size() > cap;
                if (truncated && !truncate) {
                    throw new ResponseTooLargeException(cap);
                }
                complete = !truncated;
                byte[] body = truncated ? Arrays.copyOf(out.toByteArray(), cap) : out.toByteArray();
                return new Response(response.getCode(), headers, body, truncated);
            } finally {
                deadline.cancel(false);
                if (!complete) {
                    // Closing a response with an unread body would drain it: cut the connection instead.
                    request.cancel();
                }
                closeQuietly(response);
            }
        }

        /**
         * A Spring {@link RestClient} on this client: the same address guard and timeouts, and its
         * response body capped (reading past the cap fails with {@link ResponseTooLargeException}).
         */
        public RestClient.Builder restClient() {
            return RestClient.builder()
                    .requestFactory(new DeadlineRequestFactory(http))
                    .requestInterceptor(capBody());
        }

        @Override
        public void close() throws IOException {
            http.close();
        }

        private ScheduledFuture<?> cancelAfterTotal(Cancellable request) {
            // The thread's OutboundDeadline, if nearer, cuts it earlier: a caller's whole call is bounded.
            long millis = OutboundDeadline.remainingMillis(limits.total().toMillis());
            return deadlines.schedule(request::cancel, millis, TimeUnit.MILLISECONDS);
        }

        private ClientHttpRequestInterceptor capBody() {
            return (request, body, execution) -> new CappedResponse(execution.execute(request, body), limits);
        }

        /** Every request made through a RestClient is cancelled once the total timeout has passed. */
        private final class DeadlineRequestFactory extends HttpComponentsClientHttpRequestFactory {

            DeadlineRequestFactory(CloseableHttpClient http) {
                super(http);
            }

            @Override
            public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
                // Out of time already: nothing is sent (RestClient reports it as ResourceAccessException).
                OutboundDeadline.requireTimeLeft();
                return super.createRequest(uri, method);
            }

            @Override
            protected ClassicHttpRequest createHttpUriRequest(HttpMethod method, URI uri) {
                // Spring's own request cannot be cancelled; Apache's base request can.
                HttpUriRequestBase request = new HttpUriRequestBase(method.name(), uri);
                // Cancelling a request that has finished does nothing, so the timer is left to run out.
                cancelAfterTotal(request);
                return request;
            }
        }
    }

    /** The only resolver the HTTP client has: one vetted lookup per connection. */
    private final class GuardedDnsResolver implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return OutboundHttp.this.resolve(host).toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // Only Kerberos asks; answering without a lookup keeps every lookup behind the guard.
            return host;
        }
    }

    private record CappedResponse(ClientHttpResponse delegate, Limits limits) implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return delegate.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return delegate.getStatusText();
        }

        @Override
        public HttpHeaders getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public InputStream getBody() throws IOException {
            return new LimitedInputStream(delegate.getBody(), limits.maxResponseBytes());
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a cut outbound response failed", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
