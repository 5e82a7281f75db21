package io.github.dl4jprojection.data.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes of a decoded MIME part or encoded word to text. A declared charset the JVM knows is used
 * (malformed bytes become U+FFFD); otherwise UTF-8 when the bytes are valid UTF-8, else
 * windows-1252 (the usual reality behind undeclared or mislabelled 8-bit mail). A few names that
 * mail programs of the corpus's time used but the JVM does not know are mapped to their charsets.
 */
final class CharsetDecoding {

    private static final Charset WINDOWS_1252 = Charset.isSupported("windows-1252")
            ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        ALIASES.put("chinesebig5", "Big5");
        ALIASES.put("gb2312_charset", "GB2312");
    }

    private CharsetDecoding() {
    }

    static String decode(byte[] bytes, String declared) {
        Charset cs = lookup(declared);
        if (cs != null) {
            return new String(bytes, cs);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset lookup(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        int star = n.indexOf('*'); // RFC 2231 language suffix, e.g. us-ascii*en
        if (star >= 0) {
            n = n.substring(0, star);
        }
        n = ALIASES.getOrDefault(n.toLowerCase(Locale.ROOT), n);
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            // An illegal charset name is as good as none: fall back to the guess.
            return null;
        }
    }
}
