package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A task of the frontier study: its data encoded for the trainer, the baseline MLPs and the projection
 * networks, and a way to run an exported file with the runtime.
 */
public interface StudyTask {

    /** The task's command-line name, the CSV's {@code task} column. */
    String name();

    /** What was trained and tested on, for the log and the exported files' provenance. */
    String description();

    /** Class names, indexed by class. */
    List<String> labelNames();

    /** One-hot training labels {@code [n_train, K]}. */
    INDArray trainLabels();

    /** Test labels, one class index per test example. */
    int[] testLabels();

    /** The trainer network, initialized and not trained yet. */
    MultiLayerNetwork newTrainer(long seed);

    /** The trainer's input for the training split. */
    INDArray trainerTrainFeatures();

    /** The trainer's input for the test split. */
    INDArray trainerTestFeatures();

    /** A short name of the trainer, e.g. {@code mlp 784-512-512-10}. */
    String trainerName();

    /**
     * The raw-input MLP whose float32 weights and biases take nearest {@code bytes}, and its features.
     *
     * @param pointHidden the projection network's hidden width at this sweep point (0 for none)
     */
    Baseline baseline(long bytes, int pointHidden);

    /** The input of a projection network with this projection. */
    StudentInput projection(ProjectionSpec spec);

    /**
     * Runs an exported model with the ND4J-free runtime over the test split, one example at a time
     * ({@link TimedEvaluation}).
     *
     * @throws IOException when the file cannot be read
     */
    TimedEvaluation runtime(Path modelFile) throws IOException;

    /**
     * Runs a baseline in plain Java over the test split, one example at a time from the raw example (pixels;
     * text, hashed into {@code inputWidth} buckets), as {@link #runtime} runs a projection network.
     */
    TimedEvaluation java(JavaBaseline baseline, int inputWidth);

    /**
     * Additions of the projection per example: {@code inputs * T*d * 2^-k}, the expected non-zero entries of the
     * projection matrix it visits ({@code +-1} entries: additions, no multiplies), with {@code inputs} the pixels
     * of an image or the mean hashed features of a test text.
     */
    long projectionAdds(ProjectionSpec spec);

    /** The small-CNN baseline whose float32 weights and biases take nearest {@code bytes}; null: none (text). */
    CnnShape cnn(long bytes);

    /**
     * The input of a sketch network (the SKETCH family) of {@code buckets} buckets whose hash has {@code seed}:
     * the count sketch of every text; null (the default): the task has none (images).
     */
    default StudentInput sketch(int buckets, long seed) {
        return null;
    }

    /**
     * Operations of the count sketch per example, before its dense layers: {@code features + 2B}, one signed
     * addition per hashed feature of a text (mean over the test texts) and the unit norm's {@code B}
     * multiply-adds and {@code B} divisions.
     *
     * @throws UnsupportedOperationException for a task without a {@link #sketch}
     */
    default long sketchOps(int buckets) {
        throw new UnsupportedOperationException(name() + " has no sketch network");
    }

    /** A baseline MLP's shape and its input. */
    final class Baseline {
        private final MlpShape shape;
        private final StudentInput input;

        public Baseline(MlpShape shape, StudentInput input) {
            if (shape.nIn() != input.width()) {
                throw new IllegalArgumentException("the shape takes " + shape.nIn() + " inputs, the features have "
                        + input.width());
            }
            this.shape = shape;
            this.input = input;
        }

        public MlpShape shape() {
            return shape;
        }

        public StudentInput input() {
            return input;
        }
    }
}
