package io.github.dl4jprojection.layers.joint;

import java.util.Locale;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Classification results of both branches of a {@link JointProjectionModel} on the same data: the trainer
 * network and the projection network (the part that is exported to devices). Each is a DL4J {@link Evaluation}
 * over the K classes (named by the model's label names when it has them), so accuracy, precision, recall, F1 and
 * the confusion matrix are read as for any DL4J model:
 * <pre>{@code
 * JointEvaluation evaluation = joint.evaluate(testData);
 * double kept = evaluation.projection().accuracy() / evaluation.trainer().accuracy();
 * System.out.println(evaluation);   // both accuracies and F1, then each Evaluation's stats
 * }</pre>
 */
public final class JointEvaluation {

    private final Evaluation trainer;
    private final Evaluation projection;

    JointEvaluation(Evaluation trainer, Evaluation projection) {
        this.trainer = trainer;
        this.projection = projection;
    }

    /**
     * The trainer network's evaluation: its predictions ({@code argmax} of {@link JointProjectionModel#trainerOutput})
     * against the labels.
     */
    public Evaluation trainer() {
        return trainer;
    }

    /**
     * The projection network's evaluation: its predictions ({@code argmax} of
     * {@link JointProjectionModel#projectionOutput}, what the exported model predicts) against the labels.
     */
    public Evaluation projection() {
        return projection;
    }

    /**
     * A multi-line summary for people (not a format to parse: read the {@link Evaluation}s instead): the number of
     * examples, each branch's accuracy and F1 ({@link Evaluation#f1()}: macro-averaged over the classes, or of class
     * 1 with two classes), then DL4J's {@link Evaluation#stats()} of the trainer and of the projection network.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d examples%n"
                        + "trainer     accuracy %.4f, F1 %.4f%n"
                        + "projection  accuracy %.4f, F1 %.4f%n%n"
                        + "trainer:%n%s%n%n"
                        + "projection network:%n%s",
                trainer.getNumRowCounter(), trainer.accuracy(), trainer.f1(), projection.accuracy(), projection.f1(),
                trainer.stats(), projection.stats());
    }
}
