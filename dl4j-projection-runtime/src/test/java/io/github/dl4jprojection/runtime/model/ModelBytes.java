package io.github.dl4jprojection.runtime.model;

import java.util.zip.CRC32;

/** Byte surgery on serialized models for format tests. Offsets are file offsets. */
final class ModelBytes {

    /** File offset of the content. */
    static final int CONTENT = PnetFormat.HEADER_BYTES;

    private ModelBytes() {
    }

    static void putU32(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** Rewrites the header's content length and CRC-32 so only the content rules can reject {@code b}. */
    static byte[] resealed(byte[] b) {
        if (b.length >= PnetFormat.HEADER_BYTES) {
            putU32(b, 12, b.length - PnetFormat.HEADER_BYTES);
            CRC32 crc = new CRC32();
            crc.update(b, PnetFormat.HEADER_BYTES, b.length - PnetFormat.HEADER_BYTES);
            putU32(b, 16, crc.getValue());
        }
        return b;
    }

    /** The file offset of the first occurrence of {@code ascii}, or -1. */
    static int indexOf(byte[] b, String ascii) {
        byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
