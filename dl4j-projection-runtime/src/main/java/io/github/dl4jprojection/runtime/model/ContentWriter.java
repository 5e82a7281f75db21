package io.github.dl4jprojection.runtime.model;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * A little-endian byte sink with the field types of docs/FORMAT.md section 1, shared by every
 * format version's {@link FormatCodec}; the counterpart of {@link ContentReader}.
 */
final class ContentWriter extends ByteArrayOutputStream {

    ContentWriter(int capacity) {
        super(capacity);
    }

    void u8(int v) {
        write(v);
    }

    void u32(int v) {
        write(v);
        write(v >>> 8);
        write(v >>> 16);
        write(v >>> 24);
    }

    void i64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    /** The raw bits: a NaN payload (which a valid model cannot hold) would survive unchanged. */
    void f32(float v) {
        u32(Float.floatToRawIntBits(v));
    }

    void bytes(byte[] b) {
        write(b, 0, b.length);
    }

    void string(String v) {
        byte[] b = Utf8.encode(v, "string");
        u32(b.length);
        bytes(b);
    }

    void map(Map<String, String> map) {
        u32(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
    }
}
