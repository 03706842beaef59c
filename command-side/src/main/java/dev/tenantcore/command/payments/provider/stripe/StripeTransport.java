package dev.tenantcore.command.payments.provider.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.Authenticator;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseGetterOptions;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Stripe's SDK on our one outbound HTTP stack: the SDK builds, signs and retries its requests and
 * reads the answers, and this transport (the SDK's own {@link HttpClient} extension point) sends
 * them through {@link OutboundHttp}, with its address guard, timeouts and response cap, instead
 * of the SDK's {@code HttpURLConnection}.
 */
final class StripeTransport extends HttpClient {

    private final OutboundHttp.Client http;

    StripeTransport(OutboundHttp.Client http) {
        this.http = http;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        HttpUriRequestBase out;
        try {
            out = new HttpUriRequestBase(request.method().name(), request.url().toURI());
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("Stripe request URL is not a URI", e);
        }
        request.headers().map().forEach((name, values) -> values.forEach(value -> out.addHeader(name, value)));
        out.setHeader("User-Agent", buildUserAgentString(request));
        out.setHeader("X-Stripe-Client-User-Agent", buildXStripeClientUserAgentString());
        if (request.content() != null) {
            out.setEntity(new ByteArrayEntity(
                    request.content().byteArrayContent(),
                    ContentType.parse(request.content().contentType())));
        }
        try {
            OutboundHttp.Response response = http.execute(null, out, false);
            return new StripeResponse(
                    response.status(),
                    HttpHeaders.of(response.headers()),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The SDK retries connection failures itself, as it would for its own transport.
            throw new ApiConnectionException(
                    "Stripe could not be reached: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A client's options: the tenant's key and the API base; the transport owns timeouts and proxies. */
    static StripeResponseGetterOptions options(Authenticator authenticator, String apiBase, int maxNetworkRetries) {
        return new StripeResponseGetterOptions() {
            @Override
            public Authenticator getAuthenticator() {
                return authenticator;
            }

            @Override
            public String getClientId() {
                return null;
            }

            @Override
            public int getConnectTimeout() {
                return 0;
            }

            @Override
            public Proxy getConnectionProxy() {
                return null;
            }

            @Override
            public int getMaxNetworkRetries() {
                return maxNetworkRetries;
            }

            @Override
            public PasswordAuthentication getProxyCredential() {
                return null;
            }

            @Override
            public String getApiBase() {
                return apiBase;
            }

            @Override
            public String getFilesBase() {
                return apiBase;
            }

            @Override
            public String getConnectBase() {
                return apiBase;
            }

            @Override
            public String getMeterEventsBase() {
                return apiBase;
            }

            @Override
            public int getReadTimeout() {
                return 0;
            }

            @Override
            public String getStripeAccount() {
                return null;
            }

            @Override
            public String getStripeContext() {
                return null;
            }
        };
    }
}
