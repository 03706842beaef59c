package dev.tenantcore.infra.security;

/**
 * Which header names and values the request firewall lets through: the rule of Spring Security's
 * {@code StrictHttpFirewall} (every code point assigned and no control character, a tab allowed in
 * values), decided by a loop over the code points instead of its regular expressions.
 *
 * <p>The firewall checks a header each time a filter reads it, and a request's headers are read
 * a dozen times on their way through the chain; matching the regular expression against the bearer
 * token every time was a visible share of a request's CPU. Printable ASCII, nearly every character
 * of a real header, is decided without asking the Unicode tables.
 */
final class HeaderText {

    private HeaderText() {}

    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
