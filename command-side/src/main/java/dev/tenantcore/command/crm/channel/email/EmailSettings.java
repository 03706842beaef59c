package dev.tenantcore.command.crm.channel.email;

import dev.tenantcore.command.common.Rules;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An email channel's settings: the IMAP server its customers' mail is fetched from ({@code imapHost},
 * {@code imapPort}, {@code imapSecurity}: {@code tls} (implicit, 993), {@code starttls} (required,
 * 143) or {@code none} (a trusted network only), {@code imapUsername}, {@code folder}) and {@code
 * address}, the address customers write to, which replies come from. The password is a secret
 * ({@link EmailChannelDriver#PASSWORD}), never a setting.
 */
record EmailSettings(
        String imapHost, int imapPort, String imapSecurity, String imapUsername, String folder, String address) {

    static final String TLS = "tls";
    static final String STARTTLS = "starttls";
    static final String NONE = "none";

    private static final Set<String> NAMES =
            Set.of("imapHost", "imapPort", "imapSecurity", "imapUsername", "folder", "address");
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\\.[A-Za-z0-9-]{2,63}$");

    /** Reads and checks settings as a channel's command gives them; {@code validation_failed} names the wrong one. */
    static EmailSettings of(Map<String, String> given) {
        Map<String, String> settings = given == null ? Map.of() : given;
        for (String name : settings.keySet()) {
            if (!NAMES.contains(name)) {
                throw Rules.invalid("settings." + name + " is not a setting of email channels");
            }
        }
        String host =
                Rules.text("settings.imapHost", settings.get("imapHost"), 253).toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw Rules.invalid("settings.imapHost must be a host name or an IPv4 address");
        }
        String security = settings.getOrDefault("imapSecurity", TLS).strip().toLowerCase(Locale.ROOT);
        if (!Set.of(TLS, STARTTLS, NONE).contains(security)) {
            throw Rules.invalid("settings.imapSecurity must be tls, starttls or none");
        }
        int port;
        String givenPort = settings.get("imapPort");
        if (givenPort == null || givenPort.isBlank()) {
            port = TLS.equals(security) ? 993 : 143;
        } else {
            try {
                port = Integer.parseInt(givenPort.strip());
            } catch (NumberFormatException e) {
                throw Rules.invalid("settings.imapPort must be a port number");
            }
            if (port < 1 || port > 65535) {
                throw Rules.invalid("settings.imapPort must be a port number");
            }
        }
        String username = Rules.text("settings.imapUsername", settings.get("imapUsername"), 320);
        if (!username.matches(Rules.LINE_PATTERN)) {
            throw Rules.invalid("settings.imapUsername must be one line");
        }
        String folder = settings.get("folder") == null || settings.get("folder").isBlank()
                ? "INBOX"
                : Rules.text("settings.folder", settings.get("folder"), 200);
        if (!folder.matches(Rules.LINE_PATTERN)) {
            throw Rules.invalid("settings.folder must be one line");
        }
        String address =
                Rules.text("settings.address", settings.get("address"), 254).toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw Rules.invalid("settings.address must be an e-mail address");
        }
        return new EmailSettings(host, port, security, username, folder, address);
    }

    /** As recorded: every setting, defaults filled in. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("imapHost", imapHost);
        map.put("imapPort", Integer.toString(imapPort));
        map.put("imapSecurity", imapSecurity);
        map.put("imapUsername", imapUsername);
        map.put("folder", folder);
        map.put("address", address);
        return map;
    }
}
