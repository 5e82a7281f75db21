package io.github.dl4jprojection.data;

/** The two parts of a data set: training and held-out test data. */
public enum DataSplit {
    /** Training data ({@code train-*} IDX files, {@code train.csv}, {@code train/} image folders). */
    TRAIN("train", "train", "training"),
    /** Test data ({@code t10k-*} IDX files as in MNIST, {@code test.csv}, {@code test/} image folders). */
    TEST("t10k", "test", "test");

    private final String idxPrefix;
    private final String csvBaseName;
    private final String displayName;

    DataSplit(String idxPrefix, String csvBaseName, String displayName) {
        this.idxPrefix = idxPrefix;
        this.csvBaseName = csvBaseName;
        this.displayName = displayName;
    }

    /** The prefix of this split's IDX file names, "train" or "t10k". */
    public String idxPrefix() {
        return idxPrefix;
    }

    /** This split's CSV file name, "train.csv" or "test.csv". */
    public String csvFileName() {
        return csvBaseName + ".csv";
    }

    /** This split's folder of class folders of images, "train" or "test". */
    public String folderName() {
        return csvBaseName;
    }

    /** "training" or "test", for messages. */
    public String displayName() {
        return displayName;
    }
}
