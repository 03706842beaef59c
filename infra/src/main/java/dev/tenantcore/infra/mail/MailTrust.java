package dev.tenantcore.infra.mail;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Which certificates a mail server (SMTP, IMAP) may present: the JVM's trust store, or the
 * certificates of a trust store named by a setting instead ({@code app.email.smtp.trust-store},
 * {@code app.channels.email.trust-store}: a private CA, or a test server's self-signed certificate).
 * Host names are always checked; there is no way to trust everything.
 */
public final class MailTrust {

    private MailTrust() {}

    public static SSLSocketFactory socketFactory(ResourceLoader resources, String trustStore, String password) {
        if (trustStore == null || trustStore.isBlank()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        Resource resource = resources.getResource(trustStore);
        try (InputStream in = resource.getInputStream()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? new char[0] : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The mail trust store cannot be read: " + trustStore, e);
        }
    }

    /** The server's certificate must name the host we asked for, as HTTPS requires. */
    public static SSLParameters checkingHostName(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
