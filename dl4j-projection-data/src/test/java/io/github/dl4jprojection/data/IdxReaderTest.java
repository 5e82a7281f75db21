package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsPlainFilesWrittenByIdxWriter() throws IOException {
        ImageDataset data = TestImages.synthetic(7, 4, 3, 3);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeImages(images, data);
        IdxWriter.writeLabels(labels, data);

        assertEquals(16 + 7 * 4 * 3, Files.size(images));
        ImageDataset read = IdxReader.readDataset(images, labels, null, "d");
        assertSame(data, read);
    }

    @Test
    void readsGzipFilesRecognisedByContent() throws IOException {
        ImageDataset data = TestImages.synthetic(9, 5, 5, 4);
        Path images = dir.resolve("imgs.gz");
        Path labels = dir.resolve("lbls.gz");
        IdxWriter.writeImages(images, data);
        IdxWriter.writeLabels(labels, data);
        // Same content under a name without .gz: detection is by the gzip magic, not the name.
        Path renamed = dir.resolve("imgs-no-suffix");
        Files.copy(images, renamed);

        assertSame(data, IdxReader.readDataset(images, labels, null, "d"));
        assertSame(data, IdxReader.readDataset(renamed, labels, null, "d"));
    }

    @Test
    void handWrittenHeaderIsParsedBigEndian() throws IOException {
        byte[] file = idx(IdxReader.IMAGES_MAGIC, new int[] {2, 1, 2}, new byte[] {1, 2, (byte) 255, 4});
        IdxImages images = IdxReader.readImages("x", file);
        assertEquals(2, images.count());
        assertEquals(1, images.height());
        assertEquals(2, images.width());
        assertEquals(255, images.pixel(1, 0));
        assertEquals(4, images.pixel(1, 1));
    }

    @Test
    void truncatedPlainFileIsRejectedNamingTheFile() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        IdxWriter.writeImages(images, TestImages.synthetic(5, 4, 4, 2));
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length - 10));

        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(images));
        assertTrue(e.getMessage().startsWith(images.toString() + ": truncated"), e.getMessage());
        assertEquals(images.toString(), e.file());
    }

    @Test
    void truncatedGzipFileIsRejected() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        IdxWriter.writeImages(images, TestImages.synthetic(50, 10, 10, 2));
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length / 2));

        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(images));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    }

    @Test
    void gzipWithCorruptTrailerIsRejected() throws IOException {
        Path labels = dir.resolve("labels.gz");
        IdxWriter.writeLabels(labels, TestImages.synthetic(40, 2, 2, 2));
        byte[] all = Files.readAllBytes(labels);
        all[all.length - 6] ^= 0x55; // inside the CRC-32 of the gzip trailer
        Files.write(labels, all);

        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(labels));
        assertTrue(e.getMessage().contains("corrupt gzip"), e.getMessage());
    }

    @Test
    void labelsFileGivenAsImagesIsRejectedWithAHint() throws IOException {
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, TestImages.synthetic(3, 2, 2, 2));

        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("labels file"), e.getMessage());
    }

    @Test
    void nonIdxContentIsRejected() {
        byte[] text = "label,pixel1\n1,2\n".getBytes();
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages("notes.csv", text));
        assertTrue(e.getMessage().startsWith("notes.csv: not an IDX file"), e.getMessage());
    }

    @Test
    void tooShortFileIsRejected() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxReader.readLabels("tiny", new byte[] {0, 0}));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabelsNamesBothFiles() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeImages(images, TestImages.synthetic(6, 2, 2, 2));
        IdxWriter.writeLabels(labels, TestImages.synthetic(5, 2, 2, 2));

        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxReader.readDataset(images, labels, null, "d"));
        assertTrue(e.getMessage().contains("5 labels"), e.getMessage());
        assertTrue(e.getMessage().contains(images + " has 6 images"), e.getMessage());
    }

    @Test
    void absurdDeclaredSizeInPlainFileFailsBeforeAllocating() {
        // 60000 x 28 x 28 declared, 3 bytes present.
        byte[] file = idx(IdxReader.IMAGES_MAGIC, new int[] {60000, 28, 28}, new byte[3]);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages("big", file));
        assertTrue(e.getMessage().contains("truncated: the header declares 60000x28x28 = 47040000 bytes"), e.getMessage());
    }

    @Test
    void absurdDeclaredSizeInGzipFileFailsBeforeAllocating() throws IOException {
        // 2,000,000,000 bytes declared in a gzip file of a few dozen bytes: deflate cannot reach that ratio.
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {2_000_000, 1000, 1}, new byte[10]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages("big.gz", gz));
        assertTrue(e.getMessage().contains("cannot hold more than"), e.getMessage());
    }

    @Test
    void sizeBeyondJavaArraysIsRejected() {
        byte[] file = idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, 2, 2}, new byte[0]);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages("huge", file));
        assertTrue(e.getMessage().contains("too large to load"), e.getMessage());
    }

    @Test
    void zeroOrNegativeDimensionIsRejected() {
        byte[] zero = idx(IdxReader.LABELS_MAGIC, new int[] {0}, new byte[0]);
        byte[] negative = idx(IdxReader.IMAGES_MAGIC, new int[] {1, -1, 2}, new byte[2]);
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readLabels("z", zero)).getMessage()
                .contains("dimension 0"));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readImages("n", negative)).getMessage()
                .contains("dimension 1 of the IDX images header is 4294967295"));
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] plain = idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 0, 9});
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readLabels("p", plain)).getMessage()
                .contains("1 bytes after the data"));
        byte[] gz = gzip(plain);
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readLabels("g", gz)).getMessage()
                .contains("has data after the 2 bytes"));
    }

    @Test
    void labelOutsideGivenClassesIsRejected() throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        ImageDataset data = TestImages.synthetic(4, 2, 2, 4);
        IdxWriter.writeImages(images, data);
        IdxWriter.writeLabels(labels, data);
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxReader.readDataset(images, labels, TestImages.names(3), "d"));
        assertTrue(e.getMessage().contains("label 3 of image 3 is outside 0..2"), e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        Path missing = dir.resolve("nope");
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    static void assertSame(ImageDataset expected, ImageDataset actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.labelNames(), actual.labelNames());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.label(i), actual.label(i));
            for (int p = 0; p < expected.pixelsPerImage(); p++) {
                assertEquals(expected.pixel(i, p), actual.pixel(i, p));
            }
        }
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }
}
