package dev.tenantcore.command.crm;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.command.common.Rules;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one written form of what identifies a contact, so that a lookup finds what a write claimed:
 * e-mail addresses in lower case, phones in E.164, channel handles as {@code channel:handle}.
 */
public final class ContactKeys {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is the mailer's question. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

    private ContactKeys() {}

    /** The address in lower case; refused with {@code validation_failed} when it is no address. */
    public static String email(String email) {
        String value = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw Rules.invalid("'" + abbreviated(email) + "' is not an e-mail address");
        }
        return value;
    }

    /**
     * The phone in E.164. A number without its country code ({@code +…}) is read as a number of
     * {@code region} (ISO 3166-1 alpha-2, may be null); refused when it is no valid number.
     */
    public static String phone(String phone, String region) {
        if (phone == null || phone.isBlank() || phone.length() > 40) {
            throw Rules.invalid("'" + abbreviated(phone) + "' is not a phone number");
        }
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(phone, region == null ? "ZZ" : region);
            if (!PHONES.isValidNumber(parsed)) {
                throw Rules.invalid("'" + phone + "' is not a valid phone number");
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw Rules.invalid("'" + phone + "' is not a phone number; give it with its country code (+…)");
        }
    }

    /** The handle with its channel in lower case, and its key {@code channel:handle}. */
    public static ChannelHandle handle(ChannelHandle handle) {
        if (handle == null || handle.channel() == null || handle.handle() == null) {
            throw Rules.invalid("a channel handle needs a channel and a handle");
        }
        String channel = handle.channel().strip().toLowerCase(Locale.ROOT);
        if (!CHANNEL.matcher(channel).matches()) {
            throw Rules.invalid("'" + abbreviated(handle.channel()) + "' is not a channel name");
        }
        return new ChannelHandle(channel, Rules.text("handle", handle.handle(), 200));
    }

    static String key(ChannelHandle normalised) {
        return normalised.channel() + ":" + normalised.handle();
    }

    private static String abbreviated(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
