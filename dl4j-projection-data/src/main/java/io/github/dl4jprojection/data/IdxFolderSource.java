package io.github.dl4jprojection.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of MNIST-format IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}
 * (see {@link IdxFileNames} for the accepted spellings).
 */
final class IdxFolderSource implements ImageDataSource {

    private final String datasetName;
    private final Path folder;
    private final List<String> standardLabelNames;
    private final String howToGet;

    /**
     * @param datasetName        e.g. "MNIST", used in descriptions and errors
     * @param standardLabelNames the data set's class names, or {@code null} to name classes 0..max
     * @param howToGet           the advice printed when files are missing
     */
    IdxFolderSource(String datasetName, Path folder, List<String> standardLabelNames, String howToGet) {
        this.datasetName = datasetName;
        this.folder = folder;
        this.standardLabelNames = standardLabelNames;
        this.howToGet = howToGet;
    }

    @Override
    public String description() {
        return datasetName + " IDX files in " + folder;
    }

    @Override
    public void checkAvailable(DataSplit... splits) throws DataNotFoundException {
        List<String> missing = new ArrayList<>();
        for (DataSplit split : splits) {
            addIfMissing(IdxFileNames.imageCandidates(folder, split), missing);
            addIfMissing(IdxFileNames.labelCandidates(folder, split), missing);
        }
        if (!missing.isEmpty()) {
            throw new DataNotFoundException(datasetName + " " + splitNames(splits) + " files", missing, howToGet);
        }
    }

    /** True when the files of every split are present. */
    boolean isComplete() {
        try {
            checkAvailable(DataSplit.values());
            return true;
        } catch (DataNotFoundException e) {
            return false;
        }
    }

    @Override
    public ImageDataset load(DataSplit split, List<String> labelNames) throws IOException {
        checkAvailable(split);
        Path images = IdxFileNames.firstExisting(IdxFileNames.imageCandidates(folder, split));
        Path labels = IdxFileNames.firstExisting(IdxFileNames.labelCandidates(folder, split));
        List<String> names = labelNames != null ? labelNames : standardLabelNames;
        ImageDataset data = IdxReader.readDataset(images, labels, names,
                datasetName + " " + split.displayName() + " from " + images);
        if (names == null && data.numClasses() < 2) {
            throw new DataFileException(labels.toString(), "all labels are 0: a classifier needs at least 2 classes");
        }
        return data;
    }

    private static void addIfMissing(List<Path> candidates, List<String> missing) {
        if (IdxFileNames.firstExisting(candidates) == null) {
            for (Path p : candidates) {
                missing.add(p.toString());
            }
        }
    }

    static String splitNames(DataSplit... splits) {
        StringBuilder sb = new StringBuilder();
        for (DataSplit s : splits) {
            sb.append(sb.length() == 0 ? "" : " and ").append(s.displayName());
        }
        return sb.toString();
    }
}
