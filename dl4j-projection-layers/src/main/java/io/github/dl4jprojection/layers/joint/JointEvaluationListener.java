package io.github.dl4jprojection.layers.joint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A DL4J training listener that evaluates both branches of a {@link JointProjectionModel} on held-out data at the
 * end of every epoch, where DL4J's {@code EvaluativeListener} would see only the graph's first output (the
 * trainer). Keeps one {@link JointEvaluation} per epoch, in order, and hands each to an optional callback (to log
 * it, plot it, or stop a run by hand).
 *
 * <p>It evaluates its own joint model's graph, so it belongs on that graph, not on the worker copies of
 * DL4J's {@code ParallelWrapper} (evaluate after {@code ParallelWrapper.fit} instead).
 *
 * <pre>{@code
 * JointEvaluationListener perEpoch = new JointEvaluationListener(joint, testData);
 * joint.setListeners(new ScoreIterationListener(100), perEpoch);
 * joint.fit(trainData, 10);
 * double last = perEpoch.history().get(9).projection().accuracy();
 * }</pre>
 */
public final class JointEvaluationListener extends BaseTrainingListener {

    private final JointProjectionModel joint;
    private final DataSetIterator data;
    private final Consumer<JointEvaluation> callback;
    private final List<JointEvaluation> history = new ArrayList<>();

    /** Evaluates {@code joint} on {@code data} (features and labels as for {@link JointProjectionModel#fit}). */
    public JointEvaluationListener(JointProjectionModel joint, DataSetIterator data) {
        this(joint, data, e -> { });
    }

    /** As {@link #JointEvaluationListener(JointProjectionModel, DataSetIterator)}, calling {@code callback} per epoch. */
    public JointEvaluationListener(JointProjectionModel joint, DataSetIterator data, Consumer<JointEvaluation> callback) {
        this.joint = Objects.requireNonNull(joint, "joint");
        this.data = Objects.requireNonNull(data, "data");
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /**
     * Evaluates after each epoch of the joint graph.
     *
     * @throws IllegalArgumentException if the listener is attached to another model than its joint model's graph
     */
    @Override
    public void onEpochEnd(Model model) {
        if (model != joint.graph()) {
            throw new IllegalArgumentException("this JointEvaluationListener evaluates the graph of its own "
                    + "JointProjectionModel; it was attached to another model");
        }
        JointEvaluation evaluation = joint.evaluate(data);
        history.add(evaluation);
        callback.accept(evaluation);
    }

    /** The evaluations so far, one per finished epoch, oldest first. */
    public List<JointEvaluation> history() {
        return Collections.unmodifiableList(new ArrayList<>(history));
    }
}
