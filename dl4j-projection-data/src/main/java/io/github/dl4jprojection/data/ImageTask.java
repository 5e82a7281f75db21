package io.github.dl4jprojection.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The image classification tasks of the examples, with their command-line names. */
public enum ImageTask {
    /** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28x28 images of 10 kinds of clothing. */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", Arrays.asList("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")),
    /** MNIST handwritten digits (LeCun et al. 1998); the files must be supplied by the user. */
    MNIST("mnist", "MNIST", LabelVocabulary.integerNames(10)),
    /** The user's own labelled images, as IDX or CSV files. */
    IMAGES("images", "images", null);

    private final String cliName;
    private final String displayName;
    private final List<String> labelNames;

    ImageTask(String cliName, String displayName, List<String> labelNames) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.labelNames = labelNames == null ? null : Collections.unmodifiableList(labelNames);
    }

    /** The name on the command line: fashion-mnist, mnist, images. */
    public String cliName() {
        return cliName;
    }

    /** The data set's usual name, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The fixed class names of a standard data set, or {@code null} when they come from the data. */
    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * The task with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static ImageTask fromCliName(String name) {
        for (ImageTask task : values()) {
            if (task.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (ImageTask task : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(task.cliName);
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; valid tasks: " + valid);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
