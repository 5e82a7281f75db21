package io.github.dl4jprojection.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST-format IDX files (LeCun et al., the format of MNIST and Fashion-MNIST), plain or
 * gzip-compressed (recognised by content, not by name).
 *
 * <p>Layout: a 4-byte big-endian magic number {@code 0x0000TTNN} (TT = element type, 0x08 for
 * unsigned bytes; NN = number of dimensions), then NN big-endian 32-bit dimensions, then the
 * elements. Images are {@code 0x00000803} with dimensions {@code [count, rows, cols]}; labels are
 * {@code 0x00000801} with dimension {@code [count]}.
 *
 * <p>Before allocating, the size the header declares is checked against the file's length: a
 * plain file must be exactly header + data; a gzip file cannot inflate to more than
 * {@value #MAX_DEFLATE_RATIO} times its length (deflate's limit). Truncated files, trailing bytes,
 * wrong magic numbers and corrupt gzip data fail with a {@link DataFileException} naming the file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Deflate emits at least one bit per 258 bytes, so no gzip file inflates by more than about 1032x. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** The largest Java array this reader allocates. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads an IDX images file. */
    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = openExisting(file)) {
            return readImages(file.toString(), Files.size(file), in);
        }
    }

    /** Reads IDX images held in memory (e.g. a class-path resource); {@code name} is used in errors. */
    public static IdxImages readImages(String name, byte[] content) throws IOException {
        return readImages(name, content.length, new ByteArrayInputStream(content));
    }

    /** Reads an IDX labels file; each label is 0..255. */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = openExisting(file)) {
            return readLabels(file.toString(), Files.size(file), in);
        }
    }

    /** Reads IDX labels held in memory; {@code name} is used in errors. */
    public static int[] readLabels(String name, byte[] content) throws IOException {
        return readLabels(name, content.length, new ByteArrayInputStream(content));
    }

    /**
     * Joins an images file and its labels file into a data set.
     *
     * @param labelNames class names; {@code null} names the classes "0" .. "max label"
     * @throws DataFileException when the counts differ or a label has no name
     */
    public static ImageDataset readDataset(Path imagesFile, Path labelsFile, List<String> labelNames,
                                           String description) throws IOException {
        IdxImages images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        return join(images, imagesFile.toString(), labels, labelsFile.toString(), labelNames, description);
    }

    /** {@link #readDataset(Path, Path, List, String)} for files held in memory. */
    static ImageDataset join(IdxImages images, String imagesName, int[] labels, String labelsName,
                             List<String> labelNames, String description) throws DataFileException {
        if (labels.length != images.count()) {
            throw new DataFileException(labelsName, "has " + labels.length + " labels but " + imagesName + " has "
                    + images.count() + " images: the two files must belong together");
        }
        List<String> names = labelNames != null ? labelNames : LabelVocabulary.integerNames(max(labels) + 1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= names.size()) {
                throw new DataFileException(labelsName, "label " + labels[i] + " of image " + i + " is outside 0.."
                        + (names.size() - 1) + " (this data has " + names.size() + " classes)");
            }
        }
        return images.withLabels(labels, names, description);
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static InputStream openExisting(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file.toString(), "no such file", e);
        }
    }

    private static IdxImages readImages(String name, long fileLength, InputStream raw) throws IOException {
        Payload payload = read(name, fileLength, raw, IMAGES_MAGIC, "images");
        return new IdxImages(payload.dims[0], payload.dims[1], payload.dims[2], payload.data);
    }

    private static int[] readLabels(String name, long fileLength, InputStream raw) throws IOException {
        Payload payload = read(name, fileLength, raw, LABELS_MAGIC, "labels");
        int[] labels = new int[payload.data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = payload.data[i] & 0xFF;
        }
        return labels;
    }

    private static final class Payload {
        final int[] dims;
        final byte[] data;

        Payload(int[] dims, byte[] data) {
            this.dims = dims;
            this.data = data;
        }
    }

    private static Payload read(String name, long fileLength, InputStream raw, int expectedMagic, String kind)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        boolean gzip = startsWithGzipMagic(buffered);
        InputStream in = gzip ? openGzip(name, buffered) : buffered;
        int ndims = expectedMagic & 0xFF;
        long headerBytes = 4L + 4L * ndims;
        byte[] header = new byte[(int) headerBytes];
        int got = readFully(name, in, header);
        if (got < 4) {
            throw new DataFileException(name, "too short to be an IDX file (" + got + " bytes)");
        }
        int magic = readInt(header, 0);
        if (magic != expectedMagic) {
            throw new DataFileException(name, describeWrongMagic(magic, expectedMagic, kind));
        }
        if (got < header.length) {
            throw new DataFileException(name, "truncated: the IDX " + kind + " header needs " + header.length
                    + " bytes, the file has " + got);
        }
        int[] dims = new int[ndims];
        long elements = 1;
        for (int k = 0; k < ndims; k++) {
            dims[k] = readInt(header, 4 + 4 * k);
            if (dims[k] < 1) {
                throw new DataFileException(name, "dimension " + k + " of the IDX " + kind + " header is "
                        + Integer.toUnsignedString(dims[k]) + "; it must be between 1 and " + Integer.MAX_VALUE);
            }
            elements = Math.min(elements * dims[k], Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        checkDeclaredSize(name, kind, dims, elements, headerBytes, fileLength, gzip);
        byte[] data = new byte[(int) elements];
        int dataRead = readFully(name, in, data);
        if (dataRead < data.length) {
            throw new DataFileException(name, "truncated: the header declares " + shape(dims) + " = " + data.length
                    + " bytes of " + kind + ", the " + (gzip ? "decompressed " : "") + "file has only " + dataRead);
        }
        if (readByte(name, in) >= 0) {
            throw new DataFileException(name, "has data after the " + data.length + " bytes its header declares ("
                    + shape(dims) + "): not a well-formed IDX " + kind + " file");
        }
        return new Payload(dims, data);
    }

    private static void checkDeclaredSize(String name, String kind, int[] dims, long elements, long headerBytes,
                                          long fileLength, boolean gzip) throws DataFileException {
        if (elements > MAX_ELEMENTS) {
            throw new DataFileException(name, "the header declares " + shape(dims) + " " + kind
                    + ", more than " + MAX_ELEMENTS + " bytes: the header is corrupt or the file is too large to load");
        }
        if (gzip) {
            long limit = fileLength * MAX_DEFLATE_RATIO;
            if (headerBytes + elements > limit) {
                throw new DataFileException(name, "the header declares " + shape(dims) + " = " + elements
                        + " bytes of " + kind + ", but a gzip file of " + fileLength
                        + " bytes cannot hold more than " + limit + ": the header is corrupt");
            }
        } else if (headerBytes + elements < fileLength) {
            throw new DataFileException(name, "has " + (fileLength - headerBytes - elements)
                    + " bytes after the data its header declares (" + shape(dims) + " " + kind
                    + "): not a well-formed IDX " + kind + " file");
        } else if (headerBytes + elements > fileLength) {
            throw new DataFileException(name, "truncated: the header declares " + shape(dims) + " = " + elements
                    + " bytes of " + kind + ", the file has only " + (fileLength - headerBytes) + " after the header");
        }
    }

    private static String describeWrongMagic(int magic, int expectedMagic, String kind) {
        String expected = String.format("expected 0x%08X for IDX %s (unsigned bytes, %d dimension%s)",
                expectedMagic, kind, expectedMagic & 0xFF, (expectedMagic & 0xFF) == 1 ? "" : "s");
        if ((magic >>> 16) != 0) {
            return String.format("not an IDX file: it starts with 0x%08X; %s", magic, expected);
        }
        String hint = "";
        if (magic == IMAGES_MAGIC) {
            hint = " This is an images file; a labels file was expected.";
        } else if (magic == LABELS_MAGIC) {
            hint = " This is a labels file; an images file was expected.";
        }
        return String.format("wrong IDX magic number 0x%08X (element type 0x%02X, %d dimensions); %s.%s",
                magic, (magic >>> 8) & 0xFF, magic & 0xFF, expected, hint);
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < dims.length; k++) {
            sb.append(k == 0 ? "" : "x").append(dims[k]);
        }
        return sb.toString();
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1F && b1 == 0x8B;
    }

    private static InputStream openGzip(String name, InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (EOFException e) {
            throw new DataFileException(name, "truncated gzip header", e);
        } catch (ZipException e) {
            throw new DataFileException(name, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /** Reads until {@code buf} is full or the stream ends; returns the number of bytes read. */
    private static int readFully(String name, InputStream in, byte[] buf) throws IOException {
        int n = 0;
        try {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            // A gzip stream cut short ends with this instead of -1: report it as truncation.
            return n;
        } catch (ZipException e) {
            throw new DataFileException(name, "corrupt gzip data after " + n + " bytes: " + e.getMessage(), e);
        }
        return n;
    }

    /** One byte, or -1 at the end; reading the end of a gzip stream also verifies its CRC and length. */
    private static int readByte(String name, InputStream in) throws IOException {
        try {
            return in.read();
        } catch (EOFException e) {
            throw new DataFileException(name, "truncated: the gzip trailer is missing", e);
        } catch (ZipException e) {
            throw new DataFileException(name, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
