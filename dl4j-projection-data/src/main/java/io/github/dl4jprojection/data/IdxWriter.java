package io.github.dl4jprojection.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an {@link ImageDataset} as an MNIST-format IDX pair (see {@link IdxReader} for the layout),
 * gzip-compressed when the file name ends in {@code .gz}. The output is a function of the data
 * alone (the gzip header carries no time stamp), so regenerated files are byte-identical.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes the images of {@code data}: magic 0x00000803, dimensions [size, height, width]. */
    public static void writeImages(Path file, ImageDataset data) throws IOException {
        try (DataOutputStream out = open(file)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(data.size());
            out.writeInt(data.height());
            out.writeInt(data.width());
            int n = data.pixelsPerImage();
            for (int i = 0; i < data.size(); i++) {
                for (int p = 0; p < n; p++) {
                    out.write(data.pixel(i, p));
                }
            }
        }
    }

    /**
     * Writes the labels of {@code data}: magic 0x00000801, dimension [size].
     *
     * @throws IllegalArgumentException when {@code data} has more than 256 classes (labels are bytes)
     */
    public static void writeLabels(Path file, ImageDataset data) throws IOException {
        if (data.numClasses() > 256) {
            throw new IllegalArgumentException("data: IDX labels are bytes, so at most 256 classes, got "
                    + data.numClasses());
        }
        try (DataOutputStream out = open(file)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(data.size());
            for (int i = 0; i < data.size(); i++) {
                out.write(data.label(i));
            }
        }
    }

    private static DataOutputStream open(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new GZIPOutputStream(raw, 1 << 16);
        }
        return new DataOutputStream(raw);
    }
}
