package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.data.text.TrainTestTexts;

/**
 * One training run as the pipeline receives it: the configuration, the loaded data (images or texts, as the
 * configuration's task says), the task's name for provenance ("fashion-mnist", "spam", ...) and the output files.
 */
public final class TrainingJob {

    private final TrainingConfig config;
    private final TrainTestImages images;
    private final TrainTestTexts texts;
    private final String taskName;
    private final OutputFiles files;

    private TrainingJob(TrainingConfig config, TrainTestImages images, TrainTestTexts texts, String taskName,
                        OutputFiles files) {
        if (config == null || files == null || taskName == null) {
            throw new IllegalArgumentException("a training job needs a configuration, a task name and output files");
        }
        this.config = config;
        this.images = images;
        this.texts = texts;
        this.taskName = taskName;
        this.files = files;
    }

    /** @throws IllegalArgumentException when {@code config} is not an image configuration */
    public static TrainingJob images(TrainingConfig config, TrainTestImages data, String taskName, OutputFiles files) {
        requireTask(config, TaskKind.IMAGE);
        if (data == null) {
            throw new IllegalArgumentException("data must be set");
        }
        return new TrainingJob(config, data, null, taskName, files);
    }

    /** @throws IllegalArgumentException when {@code config} is not a text configuration */
    public static TrainingJob texts(TrainingConfig config, TrainTestTexts data, String taskName, OutputFiles files) {
        requireTask(config, TaskKind.TEXT);
        if (data == null) {
            throw new IllegalArgumentException("data must be set");
        }
        return new TrainingJob(config, null, data, taskName, files);
    }

    /** How to train. */
    public TrainingConfig config() {
        return config;
    }

    /** Where to write. */
    public OutputFiles files() {
        return files;
    }

    /** The task's name, for example "fashion-mnist". */
    public String taskName() {
        return taskName;
    }

    /**
     * The images of an image job.
     *
     * @throws IllegalStateException for a text job
     */
    public TrainTestImages images() {
        if (images == null) {
            throw new IllegalStateException("a text job has no images");
        }
        return images;
    }

    /**
     * The texts of a text job.
     *
     * @throws IllegalStateException for an image job
     */
    public TrainTestTexts texts() {
        if (texts == null) {
            throw new IllegalStateException("an image job has no texts");
        }
        return texts;
    }

    /** The job's task for the training loop (encodes text data once). */
    TrainingTask newTask() {
        return images != null ? new ImageTrainingTask(config, images, taskName)
                : new TextTrainingTask(config, texts, taskName);
    }

    private static void requireTask(TrainingConfig config, TaskKind task) {
        if (config != null && config.task() != task) {
            throw new IllegalArgumentException("a " + config.task() + " training configuration cannot train on "
                    + task + " data");
        }
    }
}
