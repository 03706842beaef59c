package dev.tenantcore.command.invoicing;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number pattern such as {@code INV-{yyyy}-{seq:6}}: {@code {yyyy}}, {@code {yy}} and {@code {mm}}
 * are the issue date, {@code {seq:N}} the sequence zero-padded to N digits ({@code {seq}} unpadded).
 * The pattern with its date filled in names the series, so a yearly pattern restarts every year.
 */
final class InvoiceNumberFormat {

    private static final Pattern SEQ = Pattern.compile("\\{seq(?::(\\d{1,2}))?}");

    private final String pattern;

    InvoiceNumberFormat(String pattern) {
        Matcher seq = SEQ.matcher(pattern == null ? "" : pattern);
        int count = 0;
        while (seq.find()) {
            count++;
        }
        if (count != 1 || pattern.length() > 100) {
            throw new IllegalArgumentException(
                    "an invoice number pattern needs exactly one {seq} or {seq:N} and at most 100 characters: "
                            + pattern);
        }
        this.pattern = pattern;
    }

    String series(LocalDate date) {
        return pattern.replace("{yyyy}", String.format("%04d", date.getYear()))
                .replace("{yy}", String.format("%02d", date.getYear() % 100))
                .replace("{mm}", String.format("%02d", date.getMonthValue()));
    }

    static String number(String series, long sequence) {
        Matcher seq = SEQ.matcher(series);
        if (!seq.find()) {
            throw new IllegalArgumentException("not a series: " + series);
        }
        String digits = seq.group(1) == null
                ? Long.toString(sequence)
                : String.format("%0" + Integer.parseInt(seq.group(1)) + "d", sequence);
        return series.substring(0, seq.start()) + digits + series.substring(seq.end());
    }
}
