package dev.tenantcore.infra.mail.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.mail.MailAttachment;
import dev.tenantcore.infra.mail.MailMessage;
import dev.tenantcore.infra.mail.MailProperties;
import dev.tenantcore.infra.mail.MailTransport;
import dev.tenantcore.infra.mail.MailTransportException;
import dev.tenantcore.infra.mail.SenderSettings;
import java.util.Base64;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * SendGrid's v3 Web API: {@code POST /v3/mail/send} (answered {@code 202} with {@code X-Message-Id})
 * and, to check a key without sending, {@code GET /v3/scopes}, which must list {@code mail.send}.
 * The delivery id travels as {@code custom_args.delivery_id}, so SendGrid's event webhooks can name
 * it. SendGrid takes no idempotency key on a send: see the README on the crash window.
 * {@code app.email.sendgrid-api-base} points the calls at a stub in tests.
 */
@Component
class SendGridTransport implements MailTransport {

    private final RestClient http;
    private final ObjectMapper json;
    private final MailProperties properties;
    private final Environment env;

    SendGridTransport(OutboundHttp outbound, ObjectMapper json, MailProperties properties, Environment env) {
        this.http = outbound.client("tenantcore-mail", outbound.defaults())
                .restClient()
                .build();
        this.json = json;
        this.properties = properties;
        this.env = env;
    }

    /** Read per call, so a test can point it at its stub. */
    private String apiBase() {
        return env.getProperty("app.email.sendgrid-api-base", properties.sendgridApiBase());
    }

    @Override
    public String provider() {
        return SenderSettings.SENDGRID;
    }

    @Override
    public String send(SenderSettings sender, MailMessage message) {
        try {
            ResponseEntity<Void> answer = http.post()
                    .uri(apiBase() + "/v3/mail/send")
                    .headers(h -> h.setBearerAuth(key(sender)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body(message).toString())
                    .retrieve()
                    .toBodilessEntity();
            String id = answer.getHeaders().getFirst("X-Message-Id");
            return id == null ? message.messageId() : id;
        } catch (RestClientResponseException e) {
            throw refused(e);
        } catch (RestClientException e) {
            throw new MailTransportException("SendGrid could not be reached.", false, e);
        }
    }

    @Override
    public void verify(SenderSettings sender) {
        JsonNode scopes;
        try {
            scopes = http.get()
                    .uri(apiBase() + "/v3/scopes")
                    .headers(h -> h.setBearerAuth(key(sender)))
                    .retrieve()
                    .body(JsonNode.class);
        } catch (RestClientResponseException e) {
            throw refused(e);
        } catch (RestClientException e) {
            throw new MailTransportException("SendGrid could not be reached.", false, e);
        }
        for (JsonNode scope : scopes == null ? json.createArrayNode() : scopes.path("scopes")) {
            if ("mail.send".equals(scope.asText())) {
                return;
            }
        }
        throw new MailTransportException("The SendGrid key may not send mail (no mail.send scope).", true, null);
    }

    ObjectNode body(MailMessage message) {
        ObjectNode body = json.createObjectNode();
        body.putArray("personalizations").addObject().putArray("to").addObject().put("email", message.to());
        body.putObject("from").put("email", message.fromAddress()).put("name", message.fromName());
        if (message.replyTo() != null) {
            body.putObject("reply_to").put("email", message.replyTo());
        }
        body.put("subject", message.subject());
        ArrayNode content = body.putArray("content");
        content.addObject().put("type", "text/plain").put("value", message.text());
        content.addObject().put("type", "text/html").put("value", message.html());
        if (!message.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("attachments");
            for (MailAttachment attachment : message.attachments()) {
                attachments
                        .addObject()
                        .put("content", Base64.getEncoder().encodeToString(attachment.content()))
                        .put("filename", attachment.filename())
                        .put("type", attachment.contentType())
                        .put("disposition", "attachment");
            }
        }
        if (message.deliveryId() != null) {
            body.putObject("custom_args").put("delivery_id", message.deliveryId());
        }
        if (!message.headers().isEmpty()) {
            ObjectNode headers = body.putObject("headers");
            message.headers().forEach(headers::put);
        }
        return body;
    }

    private static String key(SenderSettings sender) {
        if (sender.secret() == null) {
            throw new MailTransportException("No SendGrid API key is set.", true, null);
        }
        return sender.secret();
    }

    /** 429 and 5xx may pass; any other refusal (bad key, bad request) is final for the mail. */
    private static MailTransportException refused(RestClientResponseException e) {
        int status = e.getStatusCode().value();
        boolean permanent = status != 429 && status < 500;
        return new MailTransportException("SendGrid answered " + status + ".", permanent, e);
    }
}
