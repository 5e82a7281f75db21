package io.github.dl4jprojection.data.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words in header fields ({@code =?charset?B?...?=}, {@code =?charset?Q?...?=}),
 * decoded with {@link CharsetDecoding}. White space between two adjacent encoded words is dropped,
 * as the RFC says; a malformed encoded word is left as written.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    static String decode(String field) {
        if (field == null || !field.contains("=?")) {
            return field;
        }
        Matcher m = WORD.matcher(field);
        StringBuilder out = new StringBuilder(field.length());
        int last = 0;
        boolean previousWasEncoded = false;
        while (m.find()) {
            String between = field.substring(last, m.start());
            if (!(previousWasEncoded && between.trim().isEmpty())) {
                out.append(between);
            }
            String charset = m.group(1);
            String text = m.group(3);
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? TransferDecoding.base64(text)
                    : TransferDecoding.quotedPrintable(text, true);
            out.append(CharsetDecoding.decode(bytes, charset));
            last = m.end();
            previousWasEncoded = true;
        }
        out.append(field.substring(last));
        return out.toString();
    }
}
