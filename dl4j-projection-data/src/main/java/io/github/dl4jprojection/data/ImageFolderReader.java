package io.github.dl4jprojection.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/**
 * Reads a folder of class folders of PNG or JPEG images, the way DL4J users store images: {@code <class>/<image>}
 * with the class named by the parent folder (DataVec's {@code ParentPathLabelGenerator} rule).
 *
 * <p>Class folders and files are taken in name order; names starting with {@code .} are skipped, as are files
 * not ending in {@code .png}, {@code .jpg} or {@code .jpeg} (any case). Pixels become grey levels by the rules of
 * {@link GreyPixels}. Every image must have the size of the first one (or the size given): nothing is resized,
 * and a file of another size fails with a one-line {@link DataFileException} naming it.
 *
 * <p>Decoded with {@code javax.imageio} rather than DataVec's {@code ImageRecordReader}: that one decodes through
 * JavaCV/OpenCV (native libraries of a few hundred MB that the host would need on top of ND4J's) and resizes
 * and converts channels to the shape it is given without saying so, where this reader must refuse what does
 * not fit. The JDK reads PNG and baseline JPEG alone.
 */
final class ImageFolderReader {

    private ImageFolderReader() {
    }

    /**
     * @param root       the folder holding one folder per class
     * @param include    which images to take, given {@code <class>/<file name>}
     * @param size       the size every image must have, or {@code null} for the first image's
     * @param vocabulary the classes (the training split's), or {@code null} to infer them from the folder names
     * @param what       what is read, for the description ("training images in ...")
     * @throws DataFileException naming the file or folder at fault
     */
    static ImageDataset read(Path root, Predicate<String> include, ImageSize size, LabelVocabulary vocabulary,
                             String what) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path classDir : entries(root, true)) {
            String label = classDir.getFileName().toString();
            if (vocabulary != null && vocabulary.indexOf(label) < 0) {
                throw new DataFileException(classDir.toString(), "class folder '" + label
                        + "' is not one of the training classes " + vocabulary.names());
            }
            for (Path file : entries(classDir, false)) {
                if (isImage(file) && include.test(label + "/" + file.getFileName())) {
                    labels.add(label);
                    files.add(file);
                }
            }
        }
        if (files.isEmpty()) {
            throw new DataFileException(root.toString(), "holds no PNG or JPEG images in class folders "
                    + "(expected <class>/<image>.png)");
        }
        ImageSize expected = size;
        Path first = null;
        byte[] pixels = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image = decode(file);
            ImageSize actual = new ImageSize(image.getHeight(), image.getWidth());
            if (expected == null) {
                expected = actual;
                first = file;
            } else if (!expected.equals(actual)) {
                throw new DataFileException(file.toString(), "is " + actual + " (HxW) but "
                        + (first == null ? "the image size given is " : first + " is ") + expected
                        + ": every image must have the same size (nothing is resized)");
            }
            if (pixels == null) {
                long total = (long) files.size() * expected.numPixels();
                if (total > IdxReader.MAX_ELEMENTS) {
                    throw new DataFileException(root.toString(), files.size() + " images of " + expected
                            + " are more pixels than can be loaded (" + IdxReader.MAX_ELEMENTS + ")");
                }
                pixels = new byte[(int) total];
            }
            GreyPixels.copy(image, pixels, i * expected.numPixels());
        }
        LabelVocabulary classes = vocabulary;
        if (classes == null) {
            try {
                classes = LabelVocabulary.infer(labels);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(root.toString(), e.getMessage(), e);
            }
        }
        int[] indices = new int[labels.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = classes.indexOf(labels.get(i));
        }
        return new ImageDataset(expected.height(), expected.width(), pixels, indices, classes.names(),
                what + " in " + root + " (" + files.size() + " images " + expected + ")");
    }

    private static BufferedImage decode(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataFileException(file.toString(), "is not a PNG or JPEG image the JDK can decode");
        }
        return image;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /** The sub-folders ({@code folders}) or the other entries of {@code dir}, in name order, hidden ones skipped. */
    static List<Path> entries(Path dir, boolean folders) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p) == folders) {
                    out.add(p);
                }
            }
        }
        Collections.sort(out);
        return out;
    }
}
