package io.github.dl4jprojection.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of an e-mail that a spam classifier sees: the decoded Subject followed by the readable
 * body, white space collapsed (docs/TEXT_DATA.md, "What part of an e-mail is used").
 *
 * <ul>
 *   <li>Headers other than Subject are dropped (they carry the routing of the corpus's collection,
 *       which would let a classifier learn the data set instead of the messages).</li>
 *   <li>The body is walked as a MIME tree (RFC 2045/2046): {@code text/*} parts are decoded
 *       (base64, quoted-printable; charset as declared, else UTF-8 or windows-1252);
 *       {@code text/html} is reduced to its visible text ({@link HtmlText}); of a
 *       {@code multipart/alternative} the last non-blank alternative is used (the RFC's most
 *       faithful one); other multiparts contribute all their text parts in order;
 *       {@code message/rfc822} contributes its Subject and body; non-text parts (images,
 *       attachments) contribute nothing. A multipart without its boundary is read as plain text.</li>
 *   <li>Every run of white space (including line breaks and no-break spaces) becomes one space,
 *       and the result is trimmed, so it fits one line of a TSV file.</li>
 * </ul>
 *
 * Nesting deeper than {@value #MAX_DEPTH} levels and more than {@value #MAX_PARTS} parts per
 * multipart are ignored, so a hostile message cannot make the work explode. Stateless.
 */
public final class MailTextExtractor {

    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 200;

    private MailTextExtractor() {
    }

    /**
     * @param rawMessage the message with its headers, as stored in the corpus (an mbox "From " first line is allowed)
     * @return Subject and body text, white space collapsed; empty when there is no text at all
     * @throws IllegalArgumentException when {@code rawMessage} is null
     */
    public static String extract(String rawMessage) {
        if (rawMessage == null) {
            throw new IllegalArgumentException("rawMessage must not be null");
        }
        Part message = Part.parse(normalizeLineBreaks(rawMessage));
        return collapseWhitespace(messageText(message, 0));
    }

    /** Subject, a line break, and the body text of a message or embedded message. */
    private static String messageText(Part message, int depth) {
        String subject = EncodedWords.decode(message.headers.get("subject"));
        String body = partText(message, depth);
        return subject == null ? body : subject + "\n" + body;
    }

    private static String partText(Part part, int depth) {
        if (depth > MAX_DEPTH) {
            return "";
        }
        String type = part.headers.mediaType();
        if (type.startsWith("multipart/")) {
            List<Part> children = part.children();
            if (children == null) {
                return decodedText(part, "text/plain");
            }
            if (type.equals("multipart/alternative")) {
                for (int i = children.size() - 1; i >= 0; i--) {
                    String text = partText(children.get(i), depth + 1);
                    if (!text.trim().isEmpty()) {
                        return text;
                    }
                }
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (Part child : children) {
                String text = partText(child, depth + 1);
                if (!text.isEmpty()) {
                    sb.append(text).append('\n');
                }
            }
            return sb.toString();
        }
        if (type.equals("message/rfc822")) {
            return messageText(Part.parse(part.body), depth + 1);
        }
        if (type.startsWith("text/")) {
            return decodedText(part, type);
        }
        return "";
    }

    /** The body of a text part after transfer and charset decoding; HTML reduced to text. */
    private static String decodedText(Part part, String type) {
        String encoding = part.headers.get("content-transfer-encoding");
        String enc = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        String charset = part.headers.parameter("content-type", "charset");
        String text;
        if (enc.equals("base64")) {
            text = CharsetDecoding.decode(TransferDecoding.base64(part.body), charset);
        } else if (enc.equals("quoted-printable")) {
            text = CharsetDecoding.decode(TransferDecoding.quotedPrintable(part.body, false), charset);
        } else {
            // 7bit, 8bit, binary or unknown: the corpus already holds these as characters.
            text = part.body;
        }
        return type.equals("text/html") ? HtmlText.toText(text) : text;
    }

    static String normalizeLineBreaks(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Every run of white space (Java white space, or no-break space) becomes one space; trimmed. */
    static String collapseWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F') {
                pendingSpace = sb.length() > 0;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A message or MIME part: headers and the raw body. */
    private static final class Part {
        final MimeHeaders headers;
        final String body;

        private Part(MimeHeaders headers, String body) {
            this.headers = headers;
            this.body = body;
        }

        /** Splits at the first empty line; a part without one is all headers (RFC 5322) and has an empty body. */
        static Part parse(String s) {
            int blank = s.startsWith("\n") ? 0 : s.indexOf("\n\n");
            if (blank < 0) {
                return new Part(MimeHeaders.parse(s), "");
            }
            String head = s.substring(0, blank);
            String body = s.substring(blank + (blank == 0 ? 1 : 2));
            return new Part(MimeHeaders.parse(head), body);
        }

        /** The parts of a multipart body, or null when it has no boundary or the boundary never occurs. */
        List<Part> children() {
            String boundary = headers.parameter("content-type", "boundary");
            if (boundary == null || boundary.isEmpty()) {
                return null;
            }
            String delimiter = "--" + boundary;
            List<Part> parts = new ArrayList<>();
            StringBuilder current = null;
            boolean seen = false;
            for (String line : body.split("\n", -1)) {
                String trimmed = trimTrailing(line);
                if (trimmed.startsWith(delimiter)) {
                    String rest = trimmed.substring(delimiter.length());
                    if (rest.isEmpty() || rest.equals("--")) {
                        seen = true;
                        if (current != null && parts.size() < MAX_PARTS) {
                            parts.add(parse(current.toString()));
                        }
                        current = rest.isEmpty() ? new StringBuilder() : null;
                        if (current == null) {
                            break;
                        }
                        continue;
                    }
                }
                if (current != null) {
                    current.append(line).append('\n');
                }
            }
            if (current != null && parts.size() < MAX_PARTS) {
                // A missing close delimiter (truncated mail): keep the last part.
                parts.add(parse(current.toString()));
            }
            return seen ? parts : null;
        }

        private static String trimTrailing(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
                end--;
            }
            return s.substring(0, end);
        }
    }
}
