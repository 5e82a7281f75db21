package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How an exported model compares with the network it came from on a labelled evaluation set:
 * accuracy of each, the accuracy change, the share of examples where both predict the same label
 * (agreement) and the largest difference between their probabilities. A float32 export should
 * agree everywhere, up to float rounding; an int8 export trades some of each for a 4x smaller model,
 * and this is where that cost is reported rather than hidden.
 */
public final class ExportComparison {

    private static final int BATCH = 256;

    private final int count;
    private final int sourceCorrect;
    private final int exportedCorrect;
    private final int agreements;
    private final double maxProbabilityDifference;

    private ExportComparison(int count, int sourceCorrect, int exportedCorrect, int agreements, double maxDiff) {
        this.count = count;
        this.sourceCorrect = sourceCorrect;
        this.exportedCorrect = exportedCorrect;
        this.agreements = agreements;
        this.maxProbabilityDifference = maxDiff;
    }

    /**
     * Compares from predictions computed elsewhere (for example for text, where the source graph
     * takes bits and the exported model takes feature bags).
     *
     * @param sourceProbabilities   {@code [n][numLabels]} probabilities of the source network
     * @param exportedProbabilities {@code [n][numLabels]} probabilities of the exported model
     * @param labels                {@code n} true label indices
     * @throws IllegalArgumentException on null, empty or mismatched arrays
     */
    public static ExportComparison of(float[][] sourceProbabilities, float[][] exportedProbabilities, int[] labels) {
        if (sourceProbabilities == null || exportedProbabilities == null || labels == null) {
            throw new IllegalArgumentException("probabilities and labels must not be null");
        }
        int n = labels.length;
        if (n == 0 || sourceProbabilities.length != n || exportedProbabilities.length != n) {
            throw new IllegalArgumentException("need the same positive number of source predictions, exported"
                    + " predictions and labels, got " + sourceProbabilities.length + ", " + exportedProbabilities.length
                    + " and " + n);
        }
        int sourceCorrect = 0;
        int exportedCorrect = 0;
        int agreements = 0;
        double maxDiff = 0;
        for (int r = 0; r < n; r++) {
            float[] s = sourceProbabilities[r];
            float[] e = exportedProbabilities[r];
            if (s.length != e.length) {
                throw new IllegalArgumentException("example " + r + ": " + s.length + " source probabilities but "
                        + e.length + " exported ones");
            }
            int sl = argmax(s);
            int el = argmax(e);
            sourceCorrect += sl == labels[r] ? 1 : 0;
            exportedCorrect += el == labels[r] ? 1 : 0;
            agreements += sl == el ? 1 : 0;
            for (int j = 0; j < s.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs((double) s[j] - e[j]));
            }
        }
        return new ExportComparison(n, sourceCorrect, exportedCorrect, agreements, maxDiff);
    }

    /**
     * Runs both on a dense evaluation set: the joint model's projection branch
     * ({@link JointProjectionModel#projectionOutput}, in batches) and the exported model.
     *
     * @param x      {@code [n][nIn]} inputs, in the scale the projection was trained on
     * @param labels {@code n} true label indices
     * @throws IllegalArgumentException if the model is not a dense model, or the arrays do not match
     */
    public static ExportComparison dense(JointProjectionModel joint, ProjectionModel model, float[][] x,
                                         int[] labels) {
        requireDense(model);
        return compare(features -> joint.projectionOutput(features), model, x, labels);
    }

    /**
     * Runs both on a dense evaluation set: the graph (its single input fed with {@code x} in batches,
     * the probabilities read from the activations of {@code outputLayer}) and the exported model. The layer must
     * output probabilities: a softmax layer (for example an {@code OutputLayer}) or a
     * {@link DistillationOutputLayer}; for a joint model use {@link #dense(JointProjectionModel, ProjectionModel,
     * float[][], int[])}.
     *
     * @param x      {@code [n][nIn]} inputs
     * @param labels {@code n} true label indices
     * @throws IllegalArgumentException if the model is not a dense model, the graph has more than one
     *     input, {@code outputLayer} is unknown or does not output probabilities (for example a logits layer), or
     *     the arrays do not match
     */
    public static ExportComparison dense(ComputationGraph graph, String outputLayer, ProjectionModel model,
                                         float[][] x, int[] labels) {
        requireDense(model);
        if (graph.getNumInputArrays() != 1) {
            throw new IllegalArgumentException("graph has " + graph.getNumInputArrays() + " inputs; compare with"
                    + " of(...) instead");
        }
        requireProbabilityOutput(graph, outputLayer);
        return compare(features -> graph.feedForward(new INDArray[] {features}, false).get(outputLayer), model, x,
                labels);
    }

    private static void requireDense(ProjectionModel model) {
        if (model.input().kind() != InputKind.DENSE) {
            throw new IllegalArgumentException("model takes hashed features; compare with of(...) instead");
        }
    }

    /** Comparing logits (or any other activations) with the exported probabilities would report nonsense. */
    private static void requireProbabilityOutput(ComputationGraph graph, String name) {
        GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
        if (!(vertex instanceof LayerVertex)) {
            throw new IllegalArgumentException("graph has no layer \"" + name + "\"");
        }
        Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
        Object activation = layer instanceof BaseLayer ? ((BaseLayer) layer).getActivationFn() : "none";
        if (!(activation instanceof ActivationSoftmax) && !(layer instanceof DistillationOutputLayer)) {
            throw new IllegalArgumentException("layer \"" + name + "\" is a " + layer.getClass().getSimpleName()
                    + " with activation " + activation + ", not a probability output: name the softmax layer after "
                    + "it (or the DistillationOutputLayer of a joint graph), or pass the JointProjectionModel itself");
        }
    }

    private static ExportComparison compare(Function<INDArray, INDArray> probabilities, ProjectionModel model,
                                            float[][] x, int[] labels) {
        float[][] source = new float[x.length][];
        // Batches bound the memory: a trainer CNN's activations for a whole test set take gigabytes.
        for (int start = 0; start < x.length; start += BATCH) {
            int end = Math.min(x.length, start + BATCH);
            INDArray batch = probabilities.apply(Nd4j.create(Arrays.copyOfRange(x, start, end)));
            System.arraycopy(batch.castTo(DataType.FLOAT).toFloatMatrix(), 0, source, start, end - start);
        }
        Predictor predictor = model.predictor();
        float[][] exported = new float[x.length][model.numLabels()];
        for (int r = 0; r < x.length; r++) {
            predictor.scores(x[r], exported[r]);
        }
        return of(source, exported, labels);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    /** A copy of {@code model} with this comparison's accuracy and agreement in its provenance. */
    public ProjectionModel recordIn(ProjectionModel model, String evaluationData) {
        return model.toBuilder()
                .provenance(ProvenanceKeys.ACCURACY, String.format(Locale.ROOT, "%.4f", exportedAccuracy()))
                .provenance(ProvenanceKeys.AGREEMENT, String.format(Locale.ROOT, "%.4f", agreement()))
                .provenance(ProvenanceKeys.EVALUATION_DATA, evaluationData)
                .build();
    }

    /** Number of evaluation examples. */
    public int count() {
        return count;
    }

    /** Accuracy of the source network. */
    public double sourceAccuracy() {
        return sourceCorrect / (double) count;
    }

    /** Accuracy of the exported model. */
    public double exportedAccuracy() {
        return exportedCorrect / (double) count;
    }

    /** {@code exportedAccuracy() - sourceAccuracy()}. */
    public double accuracyChange() {
        return exportedAccuracy() - sourceAccuracy();
    }

    /** Share of examples where both predict the same label. */
    public double agreement() {
        return agreements / (double) count;
    }

    /** Largest absolute difference between a source and an exported probability. */
    public double maxProbabilityDifference() {
        return maxProbabilityDifference;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d examples: source accuracy %.4f, exported %.4f (change %+.4f),"
                        + " agreement %.4f, max probability difference %.2e", count, sourceAccuracy(),
                exportedAccuracy(), accuracyChange(), agreement(), maxProbabilityDifference);
    }
}
