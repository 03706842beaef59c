package dev.tenantcore.command.crm.channel.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.command.crm.channel.messenger.SendApiDriver;
import dev.tenantcore.infra.http.OutboundHttp;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Instagram messaging through the Messenger Platform: the Send API with the token of the Facebook
 * page linked to the Instagram professional account ({@code POST /{version}/me/messages}, "me" being
 * that page). {@code accountId} is the Instagram account's id, which deliveries ({@code object:
 * instagram}) carry as the entry id; the customer's Instagram-scoped id (IGSID) is the channel user
 * id. Instagram has no delivery receipts; its read receipts name the message. See {@link SendApiDriver}.
 */
@Component
class InstagramChannelDriver extends SendApiDriver {

    static final String BASE_URL = "app.channels.instagram.base-url";

    /**
     * {@code app.channels.instagram.base-url} is read on every call, so tests can point it at a stub;
     * {@code app.channels.instagram.graph-version} is the Graph API version of every call.
     */
    @Autowired
    InstagramChannelDriver(OutboundHttp http, ObjectMapper json, Environment env) {
        this(
                http,
                json,
                () -> env.getProperty(BASE_URL, "https://graph.facebook.com"),
                env.getProperty("app.channels.instagram.graph-version", "v21.0"));
    }

    InstagramChannelDriver(OutboundHttp http, ObjectMapper json, Supplier<String> baseUrl, String version) {
        super("Instagram", "instagram", http, json, baseUrl, version);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.INSTAGRAM;
    }

    @Override
    protected String messagesPath(ChannelCredentials credentials) {
        accountId(credentials);
        return "/" + version + "/me/messages";
    }

    /** The token's page, which must be linked to this channel's Instagram account. */
    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        String account = accountId(credentials);
        JsonNode page =
                get(credentials, "read the page", "/{version}/me?fields=id,name,instagram_business_account", version);
        if (!account.equals(page.path("instagram_business_account").path("id").asText())) {
            throw ProviderAnswers.refused("The page's token is not linked to the Instagram account " + account + ".");
        }
        return new ChannelIdentity(account, page.path("name").asText(""));
    }
}
