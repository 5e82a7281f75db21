package io.github.dl4jprojection.pipeline;

/**
 * A trainer network the pipeline can train a projection network with, registered by name in {@link Trainers}.
 * Each kind of task has its own sub-interface ({@link ImageTrainer}, {@link TextTrainer}) saying how the trainer
 * adds itself to the joint graph; one name (for example {@code mlp}) may be registered once per task.
 */
public interface Trainer {

    /** The name the command line and the configuration use, for example {@code cnn}. */
    String name();

    /** The task whose models this trainer trains. */
    TaskKind task();

    /** A few words for tables and help, for example "token lstm". */
    String description();
}
