package io.github.dl4jprojection.data.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.io.MaxNestingDepthLimitException;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The text of an e-mail that a spam classifier sees: the decoded Subject followed by the readable
 * body, white space collapsed (docs/TEXT_DATA.md, "What part of an e-mail is used").
 *
 * <ul>
 *   <li>Headers other than Subject are dropped (they carry the routing of the corpus's collection,
 *       which would let a classifier learn the data set instead of the messages). RFC 2047 encoded
 *       words of the Subject are decoded by mime4j's {@code DecoderUtil}.</li>
 *   <li>The body is parsed as a MIME tree (RFC 2045/2046) by Apache James mime4j, which also undoes
 *       base64 and quoted-printable, leniently: {@code text/*} parts are decoded (charset as declared,
 *       else UTF-8 or windows-1252, {@link CharsetDecoding}); {@code text/html} is reduced to its visible
 *       text by jsoup; of a {@code multipart/alternative} the last non-blank alternative is used (the
 *       RFC's most faithful one); other multiparts contribute all their text parts in order;
 *       {@code message/rfc822} contributes its Subject and body; non-text parts (images, attachments)
 *       contribute nothing. A multipart whose boundary never occurs is read as plain text
 *       ({@link MailPart#text()}).</li>
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

    /**
     * Lenient, as spam needs: no limit on line or header length (the whole message is already in memory),
     * malformed header lines (an mbox "From " line) skipped, nesting bounded a little beyond {@link #MAX_DEPTH}
     * so the parser stops soon below the text that is kept (each level wraps the stream once more).
     */
    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .setMaxNestingDepth(MAX_DEPTH + 2)
            .build();

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
        MailPartCollector collector = new MailPartCollector();
        MimeStreamParser parser = new MimeStreamParser(CONFIG, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(true);
        parser.setRecurse();
        parser.setContentHandler(collector);
        try {
            parser.parse(new ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8)));
        } catch (MaxNestingDepthLimitException e) {
            // Nested beyond what is kept: the text collected down to there is the message's text.
        } catch (MimeException | IOException e) {
            // Neither happens with a lenient configuration over bytes in memory.
            throw new IllegalStateException("mime4j failed on a message in memory: " + e.getMessage(), e);
        }
        MailPart root = collector.root();
        return root == null ? "" : collapseWhitespace(root.text());
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
}
