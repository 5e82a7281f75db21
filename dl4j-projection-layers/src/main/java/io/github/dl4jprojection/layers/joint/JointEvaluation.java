package io.github.dl4jprojection.layers.joint;

import org.nd4j.evaluation.classification.Evaluation;

/**
 * Classification results of both branches of a {@link JointProjectionModel} on the same data: the trainer
 * network and the projection network (the part that is exported to devices).
 */
public final class JointEvaluation {

    private final Evaluation trainer;
    private final Evaluation projection;

    JointEvaluation(Evaluation trainer, Evaluation projection) {
        this.trainer = trainer;
        this.projection = projection;
    }

    /** The trainer network's evaluation. */
    public Evaluation trainer() {
        return trainer;
    }

    /** The projection network's evaluation. */
    public Evaluation projection() {
        return projection;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "trainer accuracy %.4f, projection accuracy %.4f (%d examples)",
                trainer.accuracy(), projection.accuracy(), trainer.getNumRowCounter());
    }
}
