package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.pipeline.TaskKind;
import java.util.Locale;

/**
 * The value of {@code --task}: an image task ({@link ImageTask}) or a text task, {@value #SPAM} (the
 * SpamAssassin corpus, else the bundled sample), {@value #FORTUNES} (fortune cookies by category, from the
 * Debian package {@code fortunes}) or {@value #TEXT} (the user's labelled texts).
 */
final class TaskOption {

    static final String SPAM = "spam";
    static final String FORTUNES = "fortunes";
    static final String TEXT = "text";

    private final ImageTask image;
    private final String cliName;

    private TaskOption(ImageTask image, String cliName) {
        this.image = image;
        this.cliName = cliName;
    }

    /** @throws IllegalArgumentException listing the valid tasks */
    static TaskOption parse(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        if (name.equals(SPAM) || name.equals(FORTUNES) || name.equals(TEXT)) {
            return new TaskOption(null, name);
        }
        try {
            ImageTask task = ImageTask.fromCliName(value);
            return new TaskOption(task, task.cliName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", " + SPAM + ", " + FORTUNES + ", " + TEXT, e);
        }
    }

    static TaskOption of(ImageTask task) {
        return new TaskOption(task, task.cliName());
    }

    /** The kind of model the task trains. */
    TaskKind kind() {
        return isText() ? TaskKind.TEXT : TaskKind.IMAGE;
    }

    boolean isText() {
        return image == null;
    }

    /** The image task; {@code null} for a text task. */
    ImageTask image() {
        return image;
    }

    String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
