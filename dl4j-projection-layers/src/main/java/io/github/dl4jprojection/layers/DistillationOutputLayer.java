package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.DistillationOutputLayerImpl;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output layer of the projection branch in joint (trainer + projection) training: the
 * distillation and label terms of the ProjectionNet loss (Ravi, ICML 2019; arXiv 1708.00630),
 * with Hinton et al.'s temperature.
 *
 * <h2>Shapes</h2>
 * <ul>
 *   <li>input: {@code [mb, 2K]}, the concatenation {@code [z_p | z_t]} of the projection logits
 *       {@code z_p} and the trainer logits {@code z_t} (a {@code MergeVertex} of the two logits layers,
 *       projection first);</li>
 *   <li>labels: {@code [mb, K]}, one-hot (or any rows summing to 1);</li>
 *   <li>output (activations): {@code softmax(z_p)}, {@code [mb, K]}: the projection network's prediction.</li>
 * </ul>
 *
 * <h2>Loss</h2>
 * Per example, with {@code tau} the temperature, {@code l2 = lambdaDistill}, {@code l3 = lambdaLabels}:
 * <pre>
 *   loss = l2 * tau^2 * CE(softmax(z_t / tau), softmax(z_p / tau)) + l3 * CE(y, softmax(z_p))
 *   CE(a, b) = -sum_k a_k log b_k
 * </pre>
 * The layer's score is the mean of {@code loss} over the minibatch (as for every DL4J output layer), so
 * with a trainer output layer scoring {@code l1 * CE(y, softmax(z_t))} the graph score is the paper's
 * {@code L = l1 * CE_trainer + l2 * CE_distill + l3 * CE_projection}. The {@code tau^2} factor keeps the
 * distillation gradient's scale independent of the temperature (Hinton, Vinyals and Dean, 2015).
 *
 * <h2>Gradient</h2>
 * {@code dloss/dz_p = l2 * tau * (softmax(z_p/tau) - softmax(z_t/tau)) + l3 * (softmax(z_p) * sum(y) - y)}.
 * Towards the trainer the gradient is zero by default: the trainer is the teacher and the soft targets are
 * treated as constants (stop-gradient). With {@link Builder#distillIntoTrainer(boolean) distillIntoTrainer}
 * the exact gradient {@code l2 * tau * q * (sum_k q_k log p_k - log p)} (with {@code q = softmax(z_t/tau)},
 * {@code p = softmax(z_p/tau)}) flows into the trainer too.
 *
 * <p>Masks: a per-example label mask ({@code [mb, 1]}) zeroes the loss and gradient of masked examples;
 * the score is still divided by the full minibatch size, as DL4J's own loss layers do. Per-output masks
 * are rejected.
 */
public class DistillationOutputLayer extends NoParamLayer {

    private double lambdaDistill = 0.1;
    private double lambdaLabels = 1.0;
    private double temperature = 1.0;
    private boolean distillIntoTrainer;
    private int nClasses;

    /** For JSON deserialization only; use the {@link Builder}. */
    public DistillationOutputLayer() {
    }

    private DistillationOutputLayer(Builder builder) {
        super(builder);
        this.lambdaDistill = builder.lambdaDistill;
        this.lambdaLabels = builder.lambdaLabels;
        this.temperature = builder.temperature;
        this.distillIntoTrainer = builder.distillIntoTrainer;
        this.nClasses = builder.nClasses;
        initializeConstraints(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        DistillationOutputLayerImpl layer = new DistillationOutputLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /**
     * @return {@code feedForward(K)}
     * @throws IllegalArgumentException unless the input is feed-forward with {@code 2K} values per example
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.FF
                || inputType.arrayElementsPerExample() != 2L * nClasses) {
            throw new IllegalArgumentException("Layer \"" + getLayerName() + "\" with nClasses=" + nClasses
                    + " needs a feed-forward input of 2 * nClasses = " + 2L * nClasses
                    + " values ([projection logits | trainer logits]), got " + inputType);
        }
        return InputType.feedForward(nClasses);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        // The input is always the merge of two feed-forward logits layers.
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        // Backprop holds a few [mb, K] temporaries (log-softmaxes, probabilities) next to the [mb, 2K] epsilon.
        long working = 6L * nClasses;
        return new LayerMemoryReport.Builder(layerName, DistillationOutputLayer.class, inputType, out)
                .standardMemory(0, 0)
                .workingMemory(0, working, 0, working)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** l2: weight of the distillation term (cross-entropy against the trainer's soft predictions). */
    public double getLambdaDistill() {
        return lambdaDistill;
    }

    public void setLambdaDistill(double lambdaDistill) {
        this.lambdaDistill = lambdaDistill;
    }

    /** l3: weight of the projection network's cross-entropy against the labels. */
    public double getLambdaLabels() {
        return lambdaLabels;
    }

    public void setLambdaLabels(double lambdaLabels) {
        this.lambdaLabels = lambdaLabels;
    }

    /** tau: softmax temperature of the distillation term. */
    public double getTemperature() {
        return temperature;
    }

    public void setTemperature(double temperature) {
        this.temperature = temperature;
    }

    /** Whether the distillation term's gradient also flows into the trainer logits. */
    public boolean isDistillIntoTrainer() {
        return distillIntoTrainer;
    }

    public void setDistillIntoTrainer(boolean distillIntoTrainer) {
        this.distillIntoTrainer = distillIntoTrainer;
    }

    /** K: the number of classes; the input has 2K columns. */
    public int getNClasses() {
        return nClasses;
    }

    public void setNClasses(int nClasses) {
        this.nClasses = nClasses;
    }

    @Override
    public DistillationOutputLayer clone() {
        return (DistillationOutputLayer) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DistillationOutputLayer) || !super.equals(o)) {
            return false;
        }
        DistillationOutputLayer other = (DistillationOutputLayer) o;
        return Double.compare(lambdaDistill, other.lambdaDistill) == 0
                && Double.compare(lambdaLabels, other.lambdaLabels) == 0
                && Double.compare(temperature, other.temperature) == 0
                && distillIntoTrainer == other.distillIntoTrainer
                && nClasses == other.nClasses;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), lambdaDistill, lambdaLabels, temperature, distillIntoTrainer, nClasses);
    }

    @Override
    public String toString() {
        return "DistillationOutputLayer(name=" + getLayerName() + ", nClasses=" + nClasses + ", lambdaDistill="
                + lambdaDistill + ", lambdaLabels=" + lambdaLabels + ", temperature=" + temperature
                + ", distillIntoTrainer=" + distillIntoTrainer + ")";
    }

    /** Builder; {@code nClasses} is required, the rest default to l2 = 0.1, l3 = 1.0, tau = 1, stop-gradient. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {

        private double lambdaDistill = 0.1;
        private double lambdaLabels = 1.0;
        private double temperature = 1.0;
        private boolean distillIntoTrainer;
        private int nClasses;

        /** l2 &gt;= 0, weight of the distillation term; default 0.1. */
        public Builder lambdaDistill(double lambdaDistill) {
            this.lambdaDistill = lambdaDistill;
            return this;
        }

        /** l3 &gt;= 0, weight of the projection's label cross-entropy; default 1.0. */
        public Builder lambdaLabels(double lambdaLabels) {
            this.lambdaLabels = lambdaLabels;
            return this;
        }

        /** tau &gt; 0, the distillation temperature; default 1. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Let the distillation gradient flow into the trainer too (default false: stop-gradient). */
        public Builder distillIntoTrainer(boolean distillIntoTrainer) {
            this.distillIntoTrainer = distillIntoTrainer;
            return this;
        }

        /** K &gt;= 2, the number of classes. */
        public Builder nClasses(int nClasses) {
            this.nClasses = nClasses;
            return this;
        }

        /**
         * @throws IllegalArgumentException on a negative or non-finite lambda, a temperature that is not
         *     positive and finite, or fewer than 2 classes
         */
        @Override
        @SuppressWarnings("unchecked")
        public DistillationOutputLayer build() {
            requireWeight("lambdaDistill", lambdaDistill);
            requireWeight("lambdaLabels", lambdaLabels);
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            }
            if (nClasses < 2) {
                throw new IllegalArgumentException("nClasses must be at least 2, got " + nClasses);
            }
            if (iDropout != null) {
                throw new IllegalArgumentException("dropOut is not supported on the distillation output layer");
            }
            return new DistillationOutputLayer(this);
        }

        private static void requireWeight(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
            }
        }
    }
}
