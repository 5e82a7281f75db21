package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.INVALID_VALUE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.SIZE_OUT_OF_RANGE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRAILING_BYTES;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRUNCATED;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A little-endian cursor over the content of a {@code .pnet} file whose header {@link ModelReader}
 * has already checked: the field types of docs/FORMAT.md section 1, shared by every format version's
 * {@link FormatCodec}. Fixed-size fields past the end are TRUNCATED; sizes read from the file go
 * through {@link #needDeclared} before anything of that size is allocated (SIZE_OUT_OF_RANGE).
 * Offsets in messages are from the start of the content, as in the specification.
 */
final class ContentReader {

    private final byte[] b;
    private final int end;
    private int p;

    /** Reads {@code file[HEADER_BYTES, file.length)}. */
    ContentReader(byte[] file) {
        this.b = file;
        this.p = PnetFormat.HEADER_BYTES;
        this.end = file.length;
    }

    /** The file offset of the next byte, for {@link #error} messages about a field already read. */
    int position() {
        return p;
    }

    /** The unsigned byte at file offset {@code at}, to name a code that was rejected. */
    int byteAt(int at) {
        return b[at] & 0xFF;
    }

    /** Fails unless the content has been read to its last byte. */
    void expectEnd(String lastSection) throws ModelFormatException {
        if (p != end) {
            throw error(TRAILING_BYTES, p, (end - p) + " bytes follow the " + lastSection + ", the last section");
        }
    }

    /** A {@code map}: entries in file order, keys distinct. */
    Map<String, String> map(String what) throws ModelFormatException {
        long n = u32(what + " count", 0, PnetFormat.MAX_MAP_ENTRIES);
        // Each entry takes at least its two 4-byte lengths.
        needDeclared(8 * n, "the " + n + " " + what + " entries");
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int at = p;
            String key = string(what + " key " + i);
            if (map.containsKey(key)) {
                throw error(INVALID_VALUE, at, what + " key " + Utf8.quote(key) + " appears twice");
            }
            map.put(key, string(what + " " + Utf8.quote(key)));
        }
        return map;
    }

    /** A {@code str}: strictly well-formed UTF-8. */
    String string(String what) throws ModelFormatException {
        int at = p;
        long n = u32(what + " length", 0, PnetFormat.MAX_STRING_BYTES);
        needDeclared(n, what);
        try {
            String s = Utf8.decode(b, p, (int) n);
            p += (int) n;
            return s;
        } catch (CharacterCodingException e) {
            throw error(INVALID_VALUE, at, what + " is not valid UTF-8");
        }
    }

    /** {@code n} f32 values; the caller has checked {@code 4 * n} with {@link #needDeclared}. */
    float[] floats(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Float.intBitsToFloat(le32(p));
            p += 4;
        }
        return out;
    }

    /** {@code n} little-endian i32 values; the caller has checked {@code 4 * n} with {@link #needDeclared}. */
    int[] ints(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = le32(p);
            p += 4;
        }
        return out;
    }

    /** {@code n} raw bytes; the caller has checked {@code n} with {@link #needDeclared}. */
    byte[] bytes(int n) {
        byte[] out = Arrays.copyOfRange(b, p, p + n);
        p += n;
        return out;
    }

    float f32(String what) throws ModelFormatException {
        need(4, what);
        float v = Float.intBitsToFloat(le32(p));
        p += 4;
        return v;
    }

    /** A {@code u32} in {@code [min, max]}, else SIZE_OUT_OF_RANGE (every u32 of the format is a size or count). */
    long u32(String what, long min, long max) throws ModelFormatException {
        need(4, what);
        long v = le32(p) & 0xFFFFFFFFL;
        if (v < min || v > max) {
            throw error(SIZE_OUT_OF_RANGE, p, what + " must be in [" + min + ", " + max + "], got " + v);
        }
        p += 4;
        return v;
    }

    long i64(String what) throws ModelFormatException {
        need(8, what);
        long v = (le32(p) & 0xFFFFFFFFL) | (long) le32(p + 4) << 32;
        p += 8;
        return v;
    }

    /** A {@code u8} in {@code [0, max]}, else INVALID_VALUE (every u8 of the format is a code). */
    int u8(String what, int max) throws ModelFormatException {
        need(1, what);
        int v = b[p] & 0xFF;
        if (v > max) {
            throw error(INVALID_VALUE, p, what + " must be in [0, " + max + "], got " + v);
        }
        p++;
        return v;
    }

    /** {@code n} reserved bytes, which must be 0 so that a later version can give them a meaning. */
    void reserved(int n) throws ModelFormatException {
        need(n, "reserved bytes");
        for (int i = 0; i < n; i++) {
            if (b[p] != 0) {
                throw error(INVALID_VALUE, p, "reserved byte must be 0, got " + (b[p] & 0xFF));
            }
            p++;
        }
    }

    /** For sizes read from the file: checked against the bytes left before anything is allocated. */
    void needDeclared(long n, String what) throws ModelFormatException {
        if (n > end - p) {
            throw error(SIZE_OUT_OF_RANGE, p, "declared size too large: " + what + " need " + n
                    + " bytes but only " + (end - p) + " remain");
        }
    }

    /** An error about the field at file offset {@code at}, reported at its content offset. */
    ModelFormatException error(ModelFormatException.Problem problem, int at, String message) {
        return new ModelFormatException(problem, "at content offset " + (at - PnetFormat.HEADER_BYTES) + ": "
                + message);
    }

    /** For fixed-size fields: running out means the content ends early. */
    private void need(long n, String what) throws ModelFormatException {
        if (n > end - p) {
            throw error(TRUNCATED, p, "truncated: " + what + " needs " + n + " bytes but only " + (end - p)
                    + " remain");
        }
    }

    private int le32(int at) {
        return ModelReader.le32(b, at);
    }
}
