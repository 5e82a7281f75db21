package io.github.dl4jprojection.data.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar archives and corpus message files for the tests. */
final class TarFixtures {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    static String messageJson(String id, String group, String text) {
        return "{\"id\":\"" + id + "\",\"group\":\"" + group + "\",\"checksum\":{\"type\":\"MD5\",\"value\":\"0\"},"
                + "\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    TarFixtures file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8));
    }

    TarFixtures entry(String name, char type, byte[] content) {
        byte[] h = header(name, type, content.length);
        tar.write(h, 0, h.length);
        tar.write(content, 0, content.length);
        int pad = (512 - content.length % 512) % 512;
        tar.write(new byte[pad], 0, pad);
        return this;
    }

    /** A pax extended header giving the next entry the path {@code path}. */
    TarFixtures paxPath(String path) {
        String record = " path=" + path + "\n";
        int len = record.length() + 1;
        while (String.valueOf(len).length() + record.length() != len) {
            len++;
        }
        return entry("PaxHeader", 'x', (len + record).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] header(String name, char type, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** The archive with its two end blocks, uncompressed. */
    byte[] tarBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = tar.toByteArray();
        out.write(t, 0, t.length);
        out.write(new byte[1024], 0, 1024);
        return out.toByteArray();
    }

    /** Writes the gzip-compressed archive to {@code file}. */
    Path writeTgz(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tarBytes());
        }
        return file;
    }
}
