package io.github.dl4jprojection.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names under which MNIST-format files are looked for in a folder: the original
 * {@code train-images-idx3-ubyte} style and the common {@code train-images.idx3-ubyte} variant,
 * each plain or {@code .gz}.
 */
final class IdxFileNames {

    private IdxFileNames() {
    }

    /** The images file candidates of {@code split} in {@code folder}, in the order tried. */
    static List<Path> imageCandidates(Path folder, DataSplit split) {
        return candidates(folder, split.idxPrefix() + "-images", "idx3-ubyte");
    }

    /** The labels file candidates of {@code split} in {@code folder}, in the order tried. */
    static List<Path> labelCandidates(Path folder, DataSplit split) {
        return candidates(folder, split.idxPrefix() + "-labels", "idx1-ubyte");
    }

    /** The first candidate that is a regular file, or {@code null}. */
    static Path firstExisting(List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The canonical file name of the images of {@code split}, e.g. train-images-idx3-ubyte.gz. */
    static String canonicalImagesName(DataSplit split) {
        return split.idxPrefix() + "-images-idx3-ubyte.gz";
    }

    /** The canonical file name of the labels of {@code split}, e.g. train-labels-idx1-ubyte.gz. */
    static String canonicalLabelsName(DataSplit split) {
        return split.idxPrefix() + "-labels-idx1-ubyte.gz";
    }

    private static List<Path> candidates(Path folder, String stem, String suffix) {
        List<Path> list = new ArrayList<>(4);
        for (String base : new String[] {stem + "-" + suffix, stem + "." + suffix}) {
            list.add(folder.resolve(base));
            list.add(folder.resolve(base + ".gz"));
        }
        return list;
    }
}
