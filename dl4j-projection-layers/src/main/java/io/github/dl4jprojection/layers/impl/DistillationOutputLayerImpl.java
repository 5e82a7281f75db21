package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.DistillationOutputLayer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The DL4J layer of {@link DistillationOutputLayer}: input {@code [mb, 2K] = [z_p | z_t]}, labels
 * {@code [mb, K]}, output {@code softmax(z_p)}; the loss, score and gradients are described on the
 * configuration class. It has no parameters; the {@code fit} methods of {@code Classifier} are
 * unsupported: the graph that holds the layer is what trains.
 */
public class DistillationOutputLayerImpl extends AbstractLayer<DistillationOutputLayer> implements IOutputLayer {

    private INDArray labels;
    private double score;

    public DistillationOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInputShape();
        INDArray probabilities = Transforms.softmax(projectionLogits(), true);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, probabilities);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        // An output layer starts backprop: the incoming epsilon is null and the loss defines the gradient.
        assertInputSet(true);
        INDArray y = checkedLabels();
        INDArray zp = projectionLogits();
        INDArray zt = trainerLogits();
        DistillationLoss loss = loss();
        long k = layerConf().getNClasses();
        INDArray delta = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        delta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).assign(loss.gradientProjection(zp, zt, y));
        if (layerConf().isDistillIntoTrainer()) {
            delta.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k)).assign(loss.gradientTrainer(zp, zt));
        }
        INDArray mask = exampleMask();
        if (mask != null) {
            delta.muliColumnVector(mask);
        }
        return new Pair<>(new DefaultGradient(), delta);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        score = perExampleLoss().sumNumber().doubleValue() / input.size(0) + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray scores = perExampleLoss();
        if (fullNetRegTerm != 0.0) {
            scores.addi(fullNetRegTerm);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, scores);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        computeScore(0.0, true, workspaceMgr);
    }

    @Override
    public double score() {
        return score;
    }

    @Override
    public Gradient gradient() {
        return new DefaultGradient();
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // No parameters, hence no weight noise.
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
    }

    @Override
    public int numLabels() {
        return layerConf().getNClasses();
    }

    @Override
    public int[] predict(INDArray examples) {
        return activate(examples, false, LayerWorkspaceMgr.noWorkspaces()).argMax(1).toIntVector();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        int[] classes = predict(dataSet.getFeatures());
        List<String> names = new ArrayList<>(classes.length);
        for (int c : classes) {
            names.add(dataSet.getLabelName(c));
        }
        return names;
    }

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        Evaluation evaluation = new Evaluation(layerConf().getNClasses());
        evaluation.eval(labels, activate(examples, false, LayerWorkspaceMgr.noWorkspaces()));
        return evaluation.f1();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw noFit();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw noFit();
    }

    @Override
    public void fit(DataSet data) {
        throw noFit();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw noFit();
    }

    private UnsupportedOperationException noFit() {
        return new UnsupportedOperationException(layerId() + " has no parameters: fit the ComputationGraph "
                + "that contains it");
    }

    private INDArray perExampleLoss() {
        INDArray scores = loss().perExample(projectionLogits(), trainerLogits(), checkedLabels());
        INDArray mask = exampleMask();
        if (mask != null) {
            scores.muli(mask);
        }
        return scores;
    }

    private DistillationLoss loss() {
        DistillationOutputLayer conf = layerConf();
        return new DistillationLoss(conf.getLambdaDistill(), conf.getLambdaLabels(), conf.getTemperature());
    }

    private INDArray projectionLogits() {
        return input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, layerConf().getNClasses()));
    }

    private INDArray trainerLogits() {
        long k = layerConf().getNClasses();
        return input.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k));
    }

    private void checkInputShape() {
        long k = layerConf().getNClasses();
        if (input.rank() != 2 || input.size(1) != 2 * k) {
            throw new IllegalStateException(layerId() + ": input must have shape [minibatch, 2 * nClasses = " + 2 * k
                    + "] ([projection logits | trainer logits]), got " + java.util.Arrays.toString(input.shape()));
        }
    }

    private INDArray checkedLabels() {
        checkInputShape();
        if (labels == null) {
            throw new IllegalStateException(layerId() + ": labels are not set");
        }
        long k = layerConf().getNClasses();
        if (labels.rank() != 2 || labels.size(0) != input.size(0) || labels.size(1) != k) {
            throw new IllegalStateException(layerId() + ": labels must have shape [" + input.size(0) + ", nClasses = "
                    + k + "], got " + java.util.Arrays.toString(labels.shape()));
        }
        return labels.castTo(input.dataType());
    }

    /** The per-example label mask as {@code [mb, 1]} in the input's type, or null without a mask. */
    private INDArray exampleMask() {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != input.size(0)) {
            throw new IllegalStateException(layerId() + ": only per-example masks of shape [" + input.size(0)
                    + ", 1] are supported, got " + java.util.Arrays.toString(maskArray.shape()));
        }
        return maskArray.reshape(input.size(0), 1).castTo(input.dataType());
    }
}
