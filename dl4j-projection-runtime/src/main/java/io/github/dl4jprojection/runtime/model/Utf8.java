package io.github.dl4jprojection.runtime.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for model strings: String.getBytes would silently replace an unpaired surrogate
 * with '?', and new String(bytes) would replace malformed input with U+FFFD; both would change a
 * label without anyone noticing, so both directions report instead.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The UTF-8 bytes of {@code s}.
     *
     * @throws IllegalArgumentException naming {@code what} if {@code s} is null, has an unpaired
     *     surrogate or encodes to more than {@link PnetFormat#MAX_STRING_BYTES} bytes
     */
    static byte[] encode(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        ByteBuffer buffer;
        try {
            buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate): " + quote(s), e);
        }
        if (buffer.remaining() > PnetFormat.MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " is " + buffer.remaining() + " UTF-8 bytes long, at most "
                    + PnetFormat.MAX_STRING_BYTES + " are allowed");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Decodes {@code length} bytes at {@code offset}; throws on malformed UTF-8. */
    static String decode(byte[] data, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data, offset, length))
                .toString();
    }

    /** A short printable form of {@code s} for error messages. */
    static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "\"" + shown + "\"";
    }
}
