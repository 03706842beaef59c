package dev.tenantcore.command.crm.channel.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.infra.http.OutboundHttp;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Facebook Messenger: {@code accountId} is the Facebook page's id; replies go to {@code POST
 * /{version}/{page-id}/messages}; deliveries are {@code object: page}. See {@link SendApiDriver}.
 */
@Component
class MessengerChannelDriver extends SendApiDriver {

    static final String BASE_URL = "app.channels.messenger.base-url";

    /**
     * {@code app.channels.messenger.base-url} is read on every call, so tests can point it at a stub;
     * {@code app.channels.messenger.graph-version} is the Graph API version of every call.
     */
    @Autowired
    MessengerChannelDriver(OutboundHttp http, ObjectMapper json, Environment env) {
        this(
                http,
                json,
                () -> env.getProperty(BASE_URL, "https://graph.facebook.com"),
                env.getProperty("app.channels.messenger.graph-version", "v21.0"));
    }

    MessengerChannelDriver(OutboundHttp http, ObjectMapper json, Supplier<String> baseUrl, String version) {
        super("Messenger", "page", http, json, baseUrl, version);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.MESSENGER;
    }

    @Override
    protected String messagesPath(ChannelCredentials credentials) {
        return "/" + version + "/" + accountId(credentials) + "/messages";
    }

    /** The page itself, read with its token: a token of another page is refused. */
    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        String page = accountId(credentials);
        JsonNode answer = get(credentials, "read the page", "/{version}/{pageId}?fields=id,name", version, page);
        if (!page.equals(answer.path("id").asText())) {
            throw ProviderAnswers.refused("Messenger answered with another page than " + page + ".");
        }
        return new ChannelIdentity(page, answer.path("name").asText(""));
    }
}
