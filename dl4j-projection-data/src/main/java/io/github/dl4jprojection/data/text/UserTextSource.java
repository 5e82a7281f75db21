package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A user's labelled texts ({@link LabeledTextReader} formats): either one file, whose exact
 * duplicates are removed ({@link DuplicateFilter}) before an 80/20 {@link HashSplit}, or a folder
 * holding {@code train} and {@code test} files ({@code .tsv}, {@code .csv}, {@code .txt}, each
 * optionally {@code .gz}) used as they are, or two files named separately ({@link #UserTextSource(Path, Path)}). Classes are the sorted labels of the training texts; a
 * test label not among them is an error.
 */
public final class UserTextSource implements TextDataSource {

    static final String HOW_TO_GET = "Give a TSV file (label<TAB>text per line) or a CSV file (label,text, "
            + "RFC 4180 quoting), UTF-8, or a folder with train.tsv and test.tsv (or .csv, optionally .gz).";

    private static final String[] EXTENSIONS = {".tsv", ".csv", ".txt", ".tsv.gz", ".csv.gz", ".txt.gz"};

    private final Path path;
    private final Path testFile;

    /** Texts from one file (hash split) or a folder with train and test files. */
    public UserTextSource(Path path) {
        this.path = path;
        this.testFile = null;
    }

    /** Training texts from {@code trainFile} and test texts from {@code testFile}, used as they are. */
    public UserTextSource(Path trainFile, Path testFile) {
        this.path = trainFile;
        this.testFile = testFile;
    }

    @Override
    public String description() {
        return testFile == null ? "texts from " + path : "texts from " + path + " and " + testFile;
    }

    @Override
    public TrainTestTexts load() throws IOException {
        if (testFile != null) {
            return load(path, testFile);
        }
        if (Files.isRegularFile(path)) {
            DuplicateFilter filter = DuplicateFilter.apply(LabeledTextReader.read(path));
            TrainTestTexts split = HashSplit.split(filter.kept(), description() + " (" + filter.duplicatesRemoved()
                    + " duplicates and " + filter.conflictsRemoved() + " conflicting texts removed, 80/20 hash split)");
            checkClasses(path.toString(), split.labelNames());
            return split;
        }
        List<String> searched = new ArrayList<>();
        Path train = find("train", searched);
        Path test = find("test", searched);
        if (train == null || test == null) {
            throw new DataNotFoundException("labelled texts (" + (train == null ? "train" : "test") + " file)",
                    searched, HOW_TO_GET);
        }
        return load(train, test);
    }

    private TrainTestTexts load(Path train, Path test) throws IOException {
        List<LabeledText> trainTexts = LabeledTextReader.read(train);
        List<LabeledText> testTexts = LabeledTextReader.read(test);
        TreeSet<String> labels = new TreeSet<>();
        for (LabeledText t : trainTexts) {
            labels.add(t.label());
        }
        checkClasses(train.toString(), new ArrayList<>(labels));
        for (LabeledText t : testTexts) {
            if (!labels.contains(t.label())) {
                throw new DataFileException(test.toString(), lineOf(t), "label '" + t.label()
                        + "' does not occur in the training file; known labels: " + labels);
            }
        }
        return new TrainTestTexts(trainTexts, testTexts, new ArrayList<>(labels), description());
    }

    private Path find(String base, List<String> searched) {
        if (!Files.isDirectory(path)) {
            searched.add(path.toString());
            return null;
        }
        for (String ext : EXTENSIONS) {
            Path p = path.resolve(base + ext);
            searched.add(p.toString());
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static void checkClasses(String file, List<String> labels) throws DataFileException {
        if (labels.isEmpty()) {
            throw new DataFileException(file, "has no labelled texts; a classifier needs texts of at least 2 labels");
        }
        if (labels.size() < 2) {
            throw new DataFileException(file, "has only one label, \"" + labels.get(0)
                    + "\"; a classifier needs texts of at least 2 labels");
        }
    }

    private static int lineOf(LabeledText t) {
        String s = t.source();
        return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
    }
}
