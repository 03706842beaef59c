package dev.tenantcore.command.crm.channel.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What one customer's mail says, read from the IMAP message: its {@code Message-ID} (the provider
 * message id), sender, subject, the ids it answers ({@code In-Reply-To}, then {@code References}),
 * its text (the {@code text/plain} part, else the HTML part reduced to text with scripts and styles
 * dropped) and its first attachment (a part with a file name, inline or attached) as a reference,
 * not its bytes: {@code imap:<uidvalidity>/<uid>/<part>/<file name>}, which {@link #partAt} finds
 * again in the mailbox when the attachment is fetched into the media store. Further attachments are
 * named in the text.
 */
record InboundMail(
        String messageId,
        String fromAddress,
        String fromName,
        String subject,
        List<String> answers,
        String text,
        String attachmentType,
        String attachmentRef,
        Instant sentAt) {

    /** Longest provider message id a conversation keeps; longer Message-IDs are kept as their digest. */
    static final int MAX_ID = 200;

    static final int MAX_TEXT = 64 * 1024;

    private static final Pattern ID = Pattern.compile("<[^<>\\s]{1,998}>");

    /**
     * Reads {@code message}, UID {@code uid} of a folder whose UIDVALIDITY is {@code uidValidity};
     * {@code fallbackId} stands in for a missing {@code Message-ID}.
     */
    static InboundMail read(Message message, String fallbackId, long uidValidity, long uid)
            throws MessagingException, IOException {
        String messageId = firstId(header(message, "Message-ID"));
        if (messageId == null) {
            messageId = fallbackId;
        }
        InternetAddress from = null;
        Address[] senders = message.getFrom();
        if (senders != null) {
            for (Address address : senders) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    from = internet;
                    break;
                }
            }
        }
        Set<String> answers = new LinkedHashSet<>();
        answers.addAll(ids(header(message, "In-Reply-To")));
        List<String> references = ids(header(message, "References"));
        // The most recent reference first: the mail answered is the last one listed.
        for (int i = references.size() - 1; i >= 0; i--) {
            answers.add(references.get(i));
        }
        Body body = new Body(uidValidity, uid);
        body.read(message);
        String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : null;
        if (text != null) {
            text = text.strip();
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT);
            }
        }
        if (!body.others.isEmpty()) {
            String note = "[also attached, not kept: " + String.join(", ", body.others) + "]";
            text = text == null || text.isEmpty() ? note : text + "\n\n" + note;
        }
        String subject = message.getSubject();
        return new InboundMail(
                messageId.length() <= MAX_ID ? messageId : digest(messageId),
                from == null ? null : from.getAddress().strip().toLowerCase(Locale.ROOT),
                from == null ? null : from.getPersonal(),
                subject == null ? null : oneLine(subject),
                List.copyOf(answers).stream().limit(50).toList(),
                text == null || text.isEmpty() ? null : text,
                body.attachmentType,
                body.attachmentRef,
                message.getSentDate() == null ? null : message.getSentDate().toInstant());
    }

    /** The text a browser would show of {@code html}, without scripts, styles or anything they could run. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head, noscript, template, iframe, object")
                .remove();
        // wholeText() already breaks lines at <br>; blocks get a line break of their own.
        for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote")) {
            block.after("\n");
        }
        String text = document.body() == null ? "" : document.body().wholeText();
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    static String oneLine(String value) {
        String line = value.replaceAll("[\\x00-\\x1F\\x7F]+", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 300);
    }

    /** Message ids in a header's value, with their angle brackets. */
    static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        Matcher matcher = ID.matcher(value);
        while (matcher.find()) {
            String id = matcher.group();
            ids.add(id.length() <= MAX_ID ? id : digest(id));
        }
        return ids;
    }

    private static String firstId(String value) {
        List<String> ids = ids(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : String.join(" ", values);
    }

    private static String digest(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "<sha256." + HexFormat.of().formatHex(hash) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parsed {@code imap:<uidvalidity>/<uid>/<part>/<file name>}; empty for anything else. */
    record Reference(long uidValidity, long uid, int part, String fileName) {

        private static final Pattern FORM = Pattern.compile("^imap:(\\d{1,19})/(\\d{1,19})/(\\d{1,3})/(.+)$");

        static java.util.Optional<Reference> parse(String ref) {
            Matcher matcher = FORM.matcher(ref == null ? "" : ref);
            if (!matcher.matches()) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(new Reference(
                        Long.parseLong(matcher.group(1)),
                        Long.parseLong(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)),
                        matcher.group(4)));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * The part a reference's {@code part} number names: the same walk of the MIME tree, counted the
     * same way, as when the mail was read. Null when the mail has no such part (any more).
     */
    static Part partAt(Part root, int index) throws MessagingException, IOException {
        return find(root, index, new int[] {0});
    }

    private static Part find(Part part, int index, int[] counter) throws MessagingException, IOException {
        if (++counter[0] > MAX_PARTS) {
            return null;
        }
        if (counter[0] == index) {
            return part;
        }
        if (part.isMimeType("multipart/*") && !isAttachment(part) && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = find(multipart.getBodyPart(i), index, counter);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** An attachment: so disposed, or any single part with a file name (inline images with one, too). */
    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || (part.getFileName() != null && !part.isMimeType("multipart/*"));
    }

    private static final int MAX_PARTS = 100;

    /** Walks the MIME tree once: the first text and HTML parts that are not attachments, the first attachment. */
    private static final class Body {

        private final long uidValidity;
        private final long uid;
        private String plain;
        private String html;
        private String attachmentType;
        private String attachmentRef;
        private final List<String> others = new ArrayList<>();
        private int parts;

        Body(long uidValidity, long uid) {
            this.uidValidity = uidValidity;
            this.uid = uid;
        }

        void read(Part part) throws MessagingException, IOException {
            if (++parts > MAX_PARTS) {
                return;
            }
            boolean attachment = isAttachment(part);
            if (part.isMimeType("multipart/*") && !attachment) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        read(child);
                    }
                }
                return;
            }
            if (!attachment && part.isMimeType("text/plain") && plain == null) {
                plain = String.valueOf(part.getContent());
                return;
            }
            if (!attachment && part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
                return;
            }
            if (attachment) {
                attachment(part, parts);
            }
        }

        private void attachment(Part part, int index) throws MessagingException {
            String name = part.getFileName();
            try {
                name = name == null ? "attachment-" + index : MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException e) {
                // Kept as sent.
            }
            name = oneLine(name).replaceAll("[/\\\\]", "_");
            if (name.length() > 200) {
                name = name.substring(0, 200);
            }
            if (attachmentRef != null) {
                if (others.size() < 20) {
                    others.add(name);
                }
                return;
            }
            String type = part.getContentType() == null
                    ? "application/octet-stream"
                    : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
            attachmentType = type.length() <= 40 ? type : type.substring(0, 40);
            // Where the attachment stays: this message (by UIDVALIDITY and UID) in the channel's mailbox.
            attachmentRef = "imap:" + uidValidity + "/" + uid + "/" + index + "/" + name;
        }
    }
}
