package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.data.DataNotFoundException;
import io.github.dl4jprojection.examples.data.ImageDataLocator;
import io.github.dl4jprojection.examples.data.ImageDataSource;
import io.github.dl4jprojection.examples.data.ImageSize;
import io.github.dl4jprojection.examples.data.ImageTask;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** The options that choose a task's data: {@code --task}, {@code --data}, {@code --image-size}. */
final class DataOptions {

    @Option(names = "--task", required = true, paramLabel = "TASK", converter = Converters.Task.class,
            description = "fashion-mnist, mnist or images (your own IDX or CSV files).")
    ImageTask task;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of the data. fashion-mnist: optional (default "
                    + ImageDataLocator.FASHION_MNIST_SYSTEM_DIR + ", else the bundled sample); "
                    + "mnist: the folder of the four MNIST IDX files; images: a folder with the IDX files or "
                    + "train.csv and test.csv (label, then pixel values 0..255 per line).")
    Path data;

    @Option(names = "--image-size", paramLabel = "HxW", converter = Converters.Size.class,
            description = "Image size of CSV data (task images); default: the square of the pixel count.")
    ImageSize imageSize;

    /** Checks the combinations picocli cannot: a data folder where the task has no default. */
    void validate(CommandLine cmd) {
        if (data == null && task == ImageTask.MNIST) {
            throw new ParameterException(cmd, "--task mnist needs --data DIR: MNIST is not bundled and cannot be "
                    + "downloaded here; pass the folder of its four IDX files");
        }
        if (data == null && task == ImageTask.IMAGES) {
            throw new ParameterException(cmd, "--task images needs --data DIR, the folder of your IDX or CSV files");
        }
        if (imageSize != null && task != ImageTask.IMAGES) {
            throw new ParameterException(cmd, "--image-size applies to --task images only; " + task.cliName()
                    + " images are 28x28");
        }
    }

    ImageDataSource locate(ImageDataLocator locator) throws DataNotFoundException {
        return locator.locate(task, data, imageSize);
    }
}
