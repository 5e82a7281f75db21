package io.github.dl4jprojection.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The training and test split of a task, loaded together and checked to agree: same image size,
 * and test labels mapped to the training split's classes.
 */
public final class TrainTestImages {

    private final ImageDataset train;
    private final ImageDataset test;
    private final String description;

    private TrainTestImages(ImageDataset train, ImageDataset test, String description) {
        this.train = train;
        this.test = test;
        this.description = description;
    }

    /**
     * Loads both splits of {@code source}; checks first that the files of both exist.
     *
     * @throws DataNotFoundException listing the missing files of both splits
     * @throws DataFileException     when a file is malformed or the splits disagree
     */
    public static TrainTestImages load(ImageDataSource source) throws IOException {
        source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST);
        ImageDataset train = source.load(DataSplit.TRAIN, null);
        requireEveryClass(train);
        ImageDataset test = source.load(DataSplit.TEST, train.labelNames());
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataFileException(test.description(), "images are " + test.height() + "x" + test.width()
                    + " but the training images are " + train.height() + "x" + train.width());
        }
        return new TrainTestImages(train, test, source.description());
    }

    /**
     * A class without training images is a label out of place (a label byte of 255 makes 256 classes), not a
     * class to learn: refused, naming the empty classes, before anything trains.
     */
    private static void requireEveryClass(ImageDataset train) throws DataFileException {
        int[] counts = train.classCounts();
        List<Integer> empty = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                empty.add(k);
            }
        }
        if (!empty.isEmpty()) {
            throw new DataFileException(train.description(), empty.size() + " of the " + counts.length
                    + " classes have no training images (class " + empty.get(0)
                    + (empty.size() > 1 ? ", ..." : "") + "); labels must be 0..K-1 with every class present");
        }
    }

    /**
     * The same test split with a stratified subset of {@code perClass} training images per class
     * ({@link StratifiedSampler}), or this when the training split is not larger than that.
     *
     * @throws IllegalArgumentException when a class has fewer than {@code perClass} training images
     */
    public TrainTestImages withTrainingSubset(int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be at least 1, got " + perClass);
        }
        if (train.size() <= (long) perClass * train.numClasses()) {
            return this;
        }
        int[] chosen = StratifiedSampler.select(train.labels(), train.numClasses(), perClass, seed);
        ImageDataset subset = train.subset(chosen, train.description() + ", stratified subset of " + chosen.length);
        return new TrainTestImages(subset, test, description);
    }

    /** The training split. */
    public ImageDataset train() {
        return train;
    }

    /** The test split, with the training split's class names. */
    public ImageDataset test() {
        return test;
    }

    /** Where the data came from. */
    public String description() {
        return description;
    }
}
