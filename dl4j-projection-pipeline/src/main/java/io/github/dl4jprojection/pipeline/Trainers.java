package io.github.dl4jprojection.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The registry of trainer networks, by name and task (as TensorFlow Lite Micro registers its ops): adding a
 * trainer is one class implementing {@link ImageTrainer} or {@link TextTrainer} plus one line in
 * {@link #REGISTERED}. A name asked for a task it does not train is an error naming the ones that do, never a
 * silent substitute. The first trainer registered for a task is its default.
 */
public final class Trainers {

    private static final List<Trainer> REGISTERED = Collections.unmodifiableList(Arrays.asList(
            new CnnTrainer(),
            new ImageMlpTrainer(),
            ZooTrainer.leNet(),
            ZooTrainer.simpleCnn(),
            // The bag-of-words MLP first, so the text default: on the full spam split it is the better trainer
            // (98.8 against the LSTM's 98.1 %) at 3 s an epoch against 10-14 minutes (docs/RESULTS.md, "Count sketch").
            new BagOfWordsTrainer(),
            new LstmTrainer()));

    private Trainers() {
    }

    /**
     * The trainer registered under {@code name} (case-insensitive) for {@code task}.
     *
     * @throws IllegalArgumentException for an unknown name, or one that trains only the other task's models,
     *     listing the names that apply
     */
    public static Trainer find(String name, TaskKind task) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        boolean known = false;
        for (Trainer t : REGISTERED) {
            if (t.name().equals(key)) {
                if (t.task() == task) {
                    return t;
                }
                known = true;
            }
        }
        throw new IllegalArgumentException((known ? "trainer " + key + " does not train " + task + " models"
                : "unknown trainer '" + name + "'") + "; " + task + " trainers: " + String.join(", ", names(task)));
    }

    /** The image trainer {@code name}, as {@link #find}. */
    public static ImageTrainer image(String name) {
        return (ImageTrainer) find(name, TaskKind.IMAGE);
    }

    /** The text trainer {@code name}, as {@link #find}. */
    public static TextTrainer text(String name) {
        return (TextTrainer) find(name, TaskKind.TEXT);
    }

    /** Names of the trainers of {@code task}, the default first. */
    public static List<String> names(TaskKind task) {
        List<String> names = new ArrayList<>();
        for (Trainer t : REGISTERED) {
            if (t.task() == task) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** Names of every registered trainer, each once, in registration order. */
    public static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (Trainer t : REGISTERED) {
            if (!names.contains(t.name())) {
                names.add(t.name());
            }
        }
        return names;
    }

    /** The default trainer's name for {@code task}: cnn for images, lstm for texts. */
    public static String defaultName(TaskKind task) {
        return names(task).get(0);
    }

    /**
     * The trainer for images of {@code height x width} when the user named none: the default, or the MLP when the
     * images are too small for the CNN.
     */
    public static String defaultImageTrainer(int height, int width) {
        return CnnTrainer.fits(height, width) ? defaultName(TaskKind.IMAGE) : new ImageMlpTrainer().name();
    }
}
