package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.BAD_MAGIC;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.CHECKSUM_MISMATCH;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.SIZE_OUT_OF_RANGE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRAILING_BYTES;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRUNCATED;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.UNSUPPORTED_VERSION;

import io.github.dl4jprojection.runtime.internal.model.AndroidApi26;
import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads the {@code .pnet} format (docs/FORMAT.md). The checks run in the documented order: magic,
 * version (one of {@link FormatVersions}), declared length against the bytes present, CRC-32, then
 * the content field by field by that version's {@link FormatCodec}.
 * Every size is checked against the bytes left before anything of that size is allocated, so a
 * hostile file cannot make the reader allocate more than its own length (plus the bounded
 * projection masks). Semantic rules are those of {@link ProjectionModel.Builder#build()}.
 */
final class ModelReader {

    private ModelReader() {
    }

    @AndroidApi26
    static ProjectionModel read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("model file path must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.exists(file) ? "not a regular file" : "no such model file");
        }
        long size = Files.size(file);
        if (size > PnetFormat.HEADER_BYTES + (long) PnetFormat.MAX_CONTENT_BYTES) {
            throw new ModelFormatException(SIZE_OUT_OF_RANGE, file + " is " + size + " bytes, larger than any valid"
                    + " model (" + (PnetFormat.HEADER_BYTES + (long) PnetFormat.MAX_CONTENT_BYTES) + ")");
        }
        try {
            return read(Files.readAllBytes(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    static ProjectionModel read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("input stream must not be null");
        }
        byte[] header = new byte[PnetFormat.HEADER_BYTES];
        int got = readFully(in, header, 0, header.length);
        checkHeaderStart(header, got);
        long length = checkedContentLength(header);
        // Grow with the bytes that really arrive: a header claiming 256 MiB costs nothing until they do.
        byte[] file = Arrays.copyOf(header, (int) Math.min(PnetFormat.HEADER_BYTES + length, 1 << 16));
        int filled = PnetFormat.HEADER_BYTES;
        long total = PnetFormat.HEADER_BYTES + length;
        while (filled < total) {
            if (filled == file.length) {
                file = Arrays.copyOf(file, (int) Math.min(total, 2L * file.length));
            }
            int n = readFully(in, file, filled, file.length - filled);
            filled += n;
            if (filled < file.length) {
                throw truncated(length, filled - PnetFormat.HEADER_BYTES);
            }
        }
        if (in.read() != -1) {
            throw new ModelFormatException(TRAILING_BYTES, "the stream continues after the " + length
                    + " content bytes the header declares");
        }
        return read(file);
    }

    static ProjectionModel read(byte[] file) throws ModelFormatException {
        if (file == null) {
            throw new IllegalArgumentException("model bytes must not be null");
        }
        FormatCodec codec = checkHeaderStart(file, file.length);
        long length = checkedContentLength(file);
        long present = file.length - PnetFormat.HEADER_BYTES;
        if (present < length) {
            throw truncated(length, present);
        }
        if (present > length) {
            throw new ModelFormatException(TRAILING_BYTES, (present - length) + " bytes follow the " + length
                    + " content bytes the header declares");
        }
        CRC32 crc = new CRC32();
        crc.update(file, PnetFormat.HEADER_BYTES, (int) length);
        long stored = le32(file, 16) & 0xFFFFFFFFL;
        if (crc.getValue() != stored) {
            throw new ModelFormatException(CHECKSUM_MISMATCH, String.format(
                    "checksum mismatch: the header says CRC-32 0x%08x, the content has 0x%08x; the file is corrupted",
                    stored, crc.getValue()));
        }
        return codec.read(new ContentReader(file));
    }

    /** Checks the magic, the header's presence and its version; returns the codec of that version. */
    private static FormatCodec checkHeaderStart(byte[] b, int available) throws ModelFormatException {
        int m = Math.min(available, PnetFormat.MAGIC.length);
        for (int i = 0; i < m; i++) {
            if (b[i] != PnetFormat.MAGIC[i]) {
                StringBuilder seen = new StringBuilder();
                for (int j = 0; j < m; j++) {
                    seen.append(String.format("%02x ", b[j] & 0xFF));
                }
                throw new ModelFormatException(BAD_MAGIC, "not a .pnet model: the file starts with "
                        + seen.toString().trim() + ", a model starts with 89 50 4e 45 54 0d 0a 1a");
            }
        }
        if (available < PnetFormat.HEADER_BYTES) {
            throw new ModelFormatException(TRUNCATED, "truncated: " + available + " bytes, the .pnet header alone is "
                    + PnetFormat.HEADER_BYTES);
        }
        long version = le32(b, 8) & 0xFFFFFFFFL;
        FormatCodec codec = FormatVersions.forVersion(version);
        if (codec == null) {
            int[] known = FormatVersions.versions();
            StringBuilder list = new StringBuilder();
            for (int v : known) {
                list.append(list.length() == 0 ? "" : ", ").append(v);
            }
            throw new ModelFormatException(UNSUPPORTED_VERSION, "unsupported .pnet format version " + version
                    + "; this reader (dl4j-projection " + LibraryVersion.get() + ") reads version"
                    + (known.length == 1 ? " " : "s ") + list
                    + (version > known[known.length - 1] ? ": the model needs a newer runtime" : ""));
        }
        return codec;
    }

    private static long checkedContentLength(byte[] header) throws ModelFormatException {
        long length = le32(header, 12) & 0xFFFFFFFFL;
        if (length > PnetFormat.MAX_CONTENT_BYTES) {
            throw new ModelFormatException(SIZE_OUT_OF_RANGE, "declared content length " + length
                    + " exceeds the format limit " + PnetFormat.MAX_CONTENT_BYTES);
        }
        return length;
    }

    private static ModelFormatException truncated(long declared, long present) {
        return new ModelFormatException(TRUNCATED, "truncated: the header declares " + declared
                + " content bytes but only " + present + " follow");
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
