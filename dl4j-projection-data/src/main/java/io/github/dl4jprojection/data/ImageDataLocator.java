package io.github.dl4jprojection.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;

/**
 * Decides where a task's images come from.
 *
 * <ul>
 *   <li>{@code fashion-mnist}: the folder given, else {@value #FASHION_MNIST_SYSTEM_DIR} (Debian package
 *       {@code dataset-fashion-mnist}) when all four files are there, else the bundled sample.</li>
 *   <li>{@code mnist}: the folder given (MNIST cannot be downloaded here, so there is no default).</li>
 *   <li>{@code images}: the folder given, holding IDX files or {@code train.csv}/{@code test.csv}, else PNG/JPEG
 *       images in class folders ({@code train/<class>/}, {@code test/<class>/}, or {@code <class>/} hash-split;
 *       {@link ImageFolderSource}).</li>
 * </ul>
 *
 * When files are missing, loading fails with a {@link DataNotFoundException} that lists every path
 * looked at and says how to get the data.
 */
public final class ImageDataLocator {

    /** Where the Debian package {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final String FASHION_MNIST_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

    static final String FASHION_HOW_TO_GET = "Install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' "
            + "(it goes to " + FASHION_MNIST_SYSTEM_DIR + "), or copy the four IDX files (train-images-idx3-ubyte.gz, "
            + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) from "
            + "github.com/zalandoresearch/fashion-mnist into a folder and pass it with --data. "
            + "Without --data the bundled sample is used when the full set is not installed.";

    static final String MNIST_HOW_TO_GET = "MNIST is not bundled and this tool cannot download it. Copy the four "
            + "IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
            + "t10k-labels-idx1-ubyte, plain or .gz) from yann.lecun.com/exdb/mnist or a mirror into a folder "
            + "and pass it with --data FOLDER.";

    private final Path fashionMnistSystemDir;

    /** A locator that looks for Fashion-MNIST in {@value #FASHION_MNIST_SYSTEM_DIR}. */
    public ImageDataLocator() {
        this(Paths.get(FASHION_MNIST_SYSTEM_DIR));
    }

    /** A locator that looks for an installed Fashion-MNIST in another folder (another install, or tests). */
    public ImageDataLocator(Path fashionMnistSystemDir) {
        this.fashionMnistSystemDir = fashionMnistSystemDir;
    }

    /**
     * @param task         the task
     * @param data         the folder the user named, or {@code null}
     * @param csvImageSize for {@code images} in CSV form: the image size, or {@code null} to infer a square one; for
     *                     image folders the size every image must have, or {@code null} for the first image's
     * @throws IllegalArgumentException naming {@code data} when the task needs a folder and none was given
     * @throws DataNotFoundException    when {@code data} is not a folder
     */
    public ImageDataSource locate(ImageTask task, Path data, ImageSize csvImageSize) throws DataNotFoundException {
        if (data != null && !Files.isDirectory(data)) {
            throw new DataNotFoundException(task.displayName() + " data folder",
                    Collections.singletonList(data.toString()), howToGet(task));
        }
        switch (task) {
            case FASHION_MNIST:
                if (data != null) {
                    return fashionMnist(data);
                }
                IdxFolderSource installed = fashionMnist(fashionMnistSystemDir);
                return installed.isComplete() ? installed : new BundledFashionMnistSample();
            case MNIST:
                if (data == null) {
                    throw new IllegalArgumentException("data: task mnist needs the folder of the MNIST files. "
                            + MNIST_HOW_TO_GET);
                }
                return new IdxFolderSource("MNIST", data, task.labelNames(), MNIST_HOW_TO_GET);
            case IMAGES:
                if (data == null) {
                    throw new IllegalArgumentException("data: task images needs the folder of the images. "
                            + UserImagesSource.HOW_TO_GET);
                }
                UserImagesSource files = new UserImagesSource(data, csvImageSize);
                ImageFolderSource folders = files.hasAnyFiles() ? null : ImageFolderSource.of(data, csvImageSize);
                return folders != null ? folders : files;
            default:
                throw new IllegalArgumentException("task: unsupported " + task);
        }
    }

    private static IdxFolderSource fashionMnist(Path folder) {
        return new IdxFolderSource("Fashion-MNIST", folder, ImageTask.FASHION_MNIST.labelNames(), FASHION_HOW_TO_GET);
    }

    private static String howToGet(ImageTask task) {
        switch (task) {
            case FASHION_MNIST:
                return FASHION_HOW_TO_GET;
            case MNIST:
                return MNIST_HOW_TO_GET;
            default:
                return UserImagesSource.HOW_TO_GET;
        }
    }
}
