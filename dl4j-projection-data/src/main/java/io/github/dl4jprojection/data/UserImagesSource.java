package io.github.dl4jprojection.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's folder of labelled images: per split, either the MNIST-style IDX pair
 * ({@code train-images-idx3-ubyte[.gz]} + {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...} for
 * test) or a CSV file ({@code train.csv}, {@code test.csv}; see {@link CsvImageReader}). IDX files
 * win when both are present. Class names are inferred from the training split. A folder with neither but with
 * image folders is read by {@link ImageFolderSource} ({@link ImageDataLocator} decides).
 */
final class UserImagesSource implements ImageDataSource {

    static final String HOW_TO_GET = "Put the training and test images in the folder given with --data, either as "
            + "MNIST-format IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
            + "t10k-labels-idx1-ubyte, plain or .gz) or as train.csv and test.csv (one image per line: the label, "
            + "then the pixel values 0..255 in row-major order; a header line is optional), or as PNG/JPEG images "
            + "in class folders: train/<class>/*.png and test/<class>/*.png, or <class>/*.png split 80/20 by a hash "
            + "of the file name (all of one size, grey or converted to grey; nothing is resized).";

    private final Path folder;
    private final ImageSize csvImageSize;

    /** @param csvImageSize the image size of CSV files, or {@code null} to infer a square one */
    UserImagesSource(Path folder, ImageSize csvImageSize) {
        this.folder = folder;
        this.csvImageSize = csvImageSize;
    }

    @Override
    public String description() {
        return "images in " + folder;
    }

    @Override
    public void checkAvailable(DataSplit... splits) throws DataNotFoundException {
        List<String> searched = new ArrayList<>();
        List<DataSplit> missing = new ArrayList<>();
        for (DataSplit split : splits) {
            if (!hasIdx(split) && !Files.isRegularFile(csv(split))) {
                missing.add(split);
                for (Path p : IdxFileNames.imageCandidates(folder, split)) {
                    searched.add(p.toString());
                }
                for (Path p : IdxFileNames.labelCandidates(folder, split)) {
                    searched.add(p.toString());
                }
                searched.add(csv(split).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new DataNotFoundException(IdxFolderSource.splitNames(missing.toArray(new DataSplit[0]))
                    + " images", searched, HOW_TO_GET);
        }
    }

    @Override
    public ImageDataset load(DataSplit split, List<String> labelNames) throws IOException {
        checkAvailable(split);
        if (hasIdx(split)) {
            return new IdxFolderSource("images", folder, null, HOW_TO_GET).load(split, labelNames);
        }
        return CsvImageReader.read(csv(split), csvImageSize, labelNames == null ? null : new LabelVocabulary(labelNames));
    }

    /** Whether the folder holds IDX or CSV files of any split (they win over image folders). */
    boolean hasAnyFiles() {
        for (DataSplit split : DataSplit.values()) {
            if (hasIdx(split) || Files.isRegularFile(csv(split))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasIdx(DataSplit split) {
        return IdxFileNames.firstExisting(IdxFileNames.imageCandidates(folder, split)) != null
                && IdxFileNames.firstExisting(IdxFileNames.labelCandidates(folder, split)) != null;
    }

    private Path csv(DataSplit split) {
        return folder.resolve(split.csvFileName());
    }
}
