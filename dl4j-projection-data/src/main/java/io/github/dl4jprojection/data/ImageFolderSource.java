package io.github.dl4jprojection.data;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A user's folder of PNG/JPEG images in class folders ({@link ImageFolderReader}), in one of two layouts:
 *
 * <ul>
 *   <li><b>split</b>: {@code DIR/train/<class>/*} and {@code DIR/test/<class>/*};</li>
 *   <li><b>flat</b>: {@code DIR/<class>/*}, split deterministically: an image is a test image when
 *       {@code XXH64(UTF-8 of "<class>/<file name>", 0)}, read as an unsigned 64-bit integer, is divisible by
 *       {@value #TEST_ONE_IN} (the rule {@code HashSplit} applies to texts), so about 20% are test images and
 *       adding images never moves another from one side to the other.</li>
 * </ul>
 * Class names are the training split's folder names; the test split's must be among them.
 */
final class ImageFolderSource implements ImageDataSource {

    /** One image in this many goes to the test split of a flat folder. */
    static final int TEST_ONE_IN = 5;

    private final Path folder;
    private final ImageSize size;
    private final boolean flat;

    /** @param size the size every image must have, or {@code null} for the size of the first one */
    private ImageFolderSource(Path folder, ImageSize size, boolean flat) {
        this.folder = folder;
        this.size = size;
        this.flat = flat;
    }

    /**
     * The folder source for {@code folder} when it is laid out as image folders (a {@code train} or {@code test}
     * sub-folder, or else any class folder holding an image), or {@code null}.
     */
    static ImageFolderSource of(Path folder, ImageSize size) throws DataNotFoundException {
        if (Files.isDirectory(splitFolder(folder, DataSplit.TRAIN)) || Files.isDirectory(splitFolder(folder, DataSplit.TEST))) {
            return new ImageFolderSource(folder, size, false);
        }
        try {
            for (Path classDir : ImageFolderReader.entries(folder, true)) {
                for (Path file : ImageFolderReader.entries(classDir, false)) {
                    if (ImageFolderReader.isImage(file)) {
                        return new ImageFolderSource(folder, size, true);
                    }
                }
            }
        } catch (IOException e) {
            throw new DataNotFoundException("images (the folder cannot be listed: " + e + ")",
                    List.of(folder.toString()), UserImagesSource.HOW_TO_GET);
        }
        return null;
    }

    @Override
    public String description() {
        return "images in " + folder + (flat ? " (class folders, 1 in " + TEST_ONE_IN + " hashed to test)"
                : " (train/ and test/ class folders)");
    }

    @Override
    public void checkAvailable(DataSplit... splits) throws DataNotFoundException {
        if (flat) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<DataSplit> missingSplits = new ArrayList<>();
        for (DataSplit split : splits) {
            Path dir = splitFolder(folder, split);
            if (!Files.isDirectory(dir)) {
                missing.add(dir.toString());
                missingSplits.add(split);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataNotFoundException(IdxFolderSource.splitNames(missingSplits.toArray(new DataSplit[0]))
                    + " image folders", missing, UserImagesSource.HOW_TO_GET);
        }
    }

    @Override
    public ImageDataset load(DataSplit split, List<String> labelNames) throws IOException {
        checkAvailable(split);
        LabelVocabulary vocabulary = labelNames == null ? null : new LabelVocabulary(labelNames);
        String what = split.displayName() + " images";
        if (flat) {
            boolean test = split == DataSplit.TEST;
            Predicate<String> inSplit = name -> isTest(name) == test;
            return ImageFolderReader.read(folder, inSplit, size, vocabulary, what);
        }
        return ImageFolderReader.read(splitFolder(folder, split), name -> true, size, vocabulary, what);
    }

    /** Whether the image {@code <class>/<file name>} of a flat folder is a test image. */
    static boolean isTest(String classAndFileName) {
        long h = XxHash64.hash(classAndFileName.getBytes(StandardCharsets.UTF_8), 0L);
        return Long.remainderUnsigned(h, TEST_ONE_IN) == 0;
    }

    private static Path splitFolder(Path folder, DataSplit split) {
        return folder.resolve(split.folderName());
    }
}
