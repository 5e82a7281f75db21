package io.github.dl4jprojection.data.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.MimeUtil;
import org.jsoup.Jsoup;

/**
 * Turns the events of mime4j's {@code MimeStreamParser} (content decoding on, embedded messages recursed) into
 * a tree of {@link MailPart}s. Entities nested deeper than {@link MailTextExtractor#MAX_DEPTH} levels and parts
 * beyond the {@link MailTextExtractor#MAX_PARTS}th of a multipart are parsed but not kept.
 *
 * <p>The parser is fed the message as UTF-8 (the corpus stores it as characters), so a 7bit or 8bit body is read
 * back as UTF-8, as written; a base64 or quoted-printable body, which mime4j has decoded to bytes, is decoded
 * with {@link CharsetDecoding} and the charset its Content-Type declares. HTML is reduced to its visible text
 * with jsoup ({@code script}, {@code style} and comments dropped, block elements separated by spaces).
 */
final class MailPartCollector extends AbstractContentHandler {

    private final Deque<MailPart> open = new ArrayDeque<>();
    private MailPart root;

    /** The message parsed, or null when the parser saw no message. */
    MailPart root() {
        return root;
    }

    @Override
    public void startMessage() {
        start(true);
    }

    @Override
    public void endMessage() {
        open.pop();
    }

    @Override
    public void startBodyPart() {
        start(false);
    }

    @Override
    public void endBodyPart() {
        open.pop();
    }

    private void start(boolean message) {
        MailPart part = new MailPart(message);
        MailPart parent = open.peek();
        if (parent == null) {
            root = part;
        } else if (open.size() <= MailTextExtractor.MAX_DEPTH && parent.children.size() < MailTextExtractor.MAX_PARTS) {
            parent.children.add(part);
        }
        open.push(part);
    }

    @Override
    public void field(Field field) throws MimeException {
        MailPart part = open.peek();
        String name = field.getNameLowerCase();
        if (name.equals("subject") && part.subject == null) {
            String value = MimeUtil.unfold(new String(field.getRaw().toByteArray(), StandardCharsets.UTF_8));
            value = value.substring(value.indexOf(':') + 1).trim();
            part.subject = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } else if (name.equals("content-type") && part.declaredCharset == null) {
            for (NameValuePair p : RawFieldParser.DEFAULT.parseRawBody(
                    RawFieldParser.DEFAULT.parseField(field.getRaw())).getParams()) {
                if (p.getName().equalsIgnoreCase("charset")) {
                    part.declaredCharset = p.getValue();
                }
            }
        }
    }

    @Override
    public void startMultipart(BodyDescriptor bd) {
        MailPart part = open.peek();
        part.mediaType = bd.getMimeType();
        part.multipart = true;
    }

    @Override
    public void preamble(InputStream is) throws IOException {
        open.peek().preamble = new String(is.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void body(BodyDescriptor bd, InputStream is) throws IOException {
        MailPart part = open.peek();
        part.mediaType = bd.getMimeType();
        if (!part.mediaType.startsWith("text/")) {
            return;
        }
        String encoding = bd.getTransferEncoding().toLowerCase(Locale.ROOT);
        byte[] bytes = is.readAllBytes();
        String text = MimeUtil.isBase64Encoding(encoding) || MimeUtil.isQuotedPrintableEncoded(encoding)
                ? CharsetDecoding.decode(bytes, part.declaredCharset)
                : new String(bytes, StandardCharsets.UTF_8);
        part.text = part.mediaType.equals("text/html") ? Jsoup.parse(text).text() : text;
    }
}
