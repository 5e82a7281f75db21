package io.github.dl4jprojection.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads labelled grey-scale images from a CSV file: one image per line, the label first, then the
 * pixel values in row-major order, separated by commas (RFC 4180, parsed by Apache Commons CSV: a label
 * may be quoted; lines may end in LF, CRLF or CR; the file must be UTF-8).
 *
 * <pre>
 * label,pixel1,pixel2,...,pixel784     &lt;- optional header (recognised by having no number among its pixel columns)
 * 9,0,0,0,...,0
 * Sneaker,0,0,12,...,0                 &lt;- labels may be integers or names
 * </pre>
 *
 * <p>Pixel values must be integers 0..255 (written as {@code 12} or {@code 12.0}, not {@code 1e1}): the projection's
 * float32 sums are exact only for integer inputs, so scaled data is rejected rather than rounded.
 * Every line must have the same number of values. The image size is given, or inferred as the
 * square whose area is the number of pixel values. Labels are mapped with a
 * {@link LabelVocabulary}: given (e.g. the classes of the training file, or of a model), or
 * inferred from this file. Blank lines are skipped. Any problem fails with a
 * {@link DataFileException} naming the file and line.
 */
public final class CsvImageReader {

    /**
     * RFC 4180 (commas, {@code "} quotes) with any line ending, CR alone included; blank lines skipped. Commons
     * CSV leaves the values untrimmed: the messages quote them as written.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CsvImageReader() {
    }

    /**
     * @param file       the CSV file
     * @param size       the image size, or {@code null} to infer a square one
     * @param vocabulary the classes, or {@code null} to infer them from this file's labels
     */
    public static ImageDataset read(Path file, ImageSize size, LabelVocabulary vocabulary) throws IOException {
        String name = file.toString();
        List<String> labels = new ArrayList<>();
        PixelBuffer pixels = new PixelBuffer();
        int pixelsPerRow = -1;
        int firstDataLine = 0;
        boolean firstLine = true;
        try (CSVParser parser = FORMAT.parse(utf8Reader(file))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (hasNext(records, name, parser)) {
                CSVRecord record = records.next();
                // An image row is one line, so the parser's count of lines read is the row's line.
                int lineNo = (int) parser.getCurrentLineNumber();
                String[] fields = record.values();
                if (fields.length == 1 && fields[0].trim().isEmpty()) {
                    continue;
                }
                if (fields.length < 2) {
                    throw new DataFileException(name, lineNo, "expected a label and pixel values separated by commas, "
                            + "found " + fields.length + " field");
                }
                if (firstLine) {
                    firstLine = false;
                    if (PixelValues.isHeader(fields)) {
                        continue;
                    }
                }
                if (pixelsPerRow < 0) {
                    pixelsPerRow = fields.length - 1;
                    firstDataLine = lineNo;
                    checkSize(name, lineNo, pixelsPerRow, size);
                } else if (fields.length - 1 != pixelsPerRow) {
                    throw new DataFileException(name, lineNo, "has " + (fields.length - 1) + " pixel values after the label, "
                            + "line " + firstDataLine + " has " + pixelsPerRow + ": every image must have the same size");
                }
                String label = fields[0].trim();
                if (label.isEmpty()) {
                    throw new DataFileException(name, lineNo, "empty label in column 1");
                }
                if (vocabulary != null && vocabulary.indexOf(label) < 0) {
                    throw new DataFileException(name, lineNo, "unknown label '" + label + "'; the known classes are "
                            + vocabulary.names());
                }
                labels.add(label);
                if ((long) labels.size() * pixelsPerRow > IdxReader.MAX_ELEMENTS) {
                    throw new DataFileException(name, lineNo, "too many pixel values to load (more than "
                            + IdxReader.MAX_ELEMENTS + ")");
                }
                for (int c = 1; c < fields.length; c++) {
                    pixels.add((byte) PixelValues.parse(name, lineNo, c + 1, fields[c]));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(name, "no such file", e);
        }
        if (labels.isEmpty()) {
            throw new DataFileException(name, "has no data rows (expected: label, then pixel values, per line)");
        }
        ImageSize imageSize = size != null ? size : ImageSize.squareOf(pixelsPerRow);
        LabelVocabulary classes = vocabulary;
        if (classes == null) {
            try {
                classes = LabelVocabulary.infer(labels);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(name, e.getMessage(), e);
            }
        }
        int[] indices = new int[labels.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = classes.indexOf(labels.get(i));
        }
        String description = "CSV " + name + " (" + labels.size() + " images " + imageSize + ")";
        return new ImageDataset(imageSize.height(), imageSize.width(), pixels.toArray(), indices, classes.names(),
                description);
    }

    private static void checkSize(String name, int lineNo, int pixelsPerRow, ImageSize size) throws DataFileException {
        if (size != null) {
            if (size.numPixels() != pixelsPerRow) {
                throw new DataFileException(name, lineNo, "has " + pixelsPerRow + " pixel values after the label, but the "
                        + "image size " + size + " needs " + size.numPixels());
            }
            return;
        }
        try {
            ImageSize.squareOf(pixelsPerRow);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(name, lineNo, "has " + pixelsPerRow + " pixel values after the label, which is "
                    + "not a square image; give the image size (HxW) explicitly", e);
        }
    }

    /** Strict UTF-8 (malformed bytes are an error, not U+FFFD), a leading byte order mark dropped. */
    private static Reader utf8Reader(Path file) throws IOException {
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /**
     * {@code records.hasNext()}, with the parser's errors, which its iterator throws unchecked, reported as a
     * {@link DataFileException} naming the file: bytes that are not UTF-8 (found when the reader decodes ahead,
     * so without a line), malformed quoting (with the line the parser is on).
     */
    private static boolean hasNext(Iterator<CSVRecord> records, String name, CSVParser parser)
            throws DataFileException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DataFileException(name, "not valid UTF-8; save the file as UTF-8", e.getCause());
            }
            int line = (int) Math.max(1, parser.getCurrentLineNumber());
            throw new DataFileException(name, line, "malformed CSV: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A growable byte array, so that rows can be appended without knowing the row count. */
    private static final class PixelBuffer {
        private byte[] data = new byte[1 << 16];
        private int size;

        void add(byte b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(IdxReader.MAX_ELEMENTS, 2L * data.length));
            }
            data[size++] = b;
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
