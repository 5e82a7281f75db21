package io.github.dl4jprojection.layers.joint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Turns a trainer given as layers, a {@code MultiLayerNetwork} or a {@code ComputationGraph} into a
 * {@link TrainerDefinition}. An existing network must end in a softmax {@code OutputLayer} with a
 * cross-entropy loss (MCXENT or negative log-likelihood): that layer becomes a logits {@code DenseLayer}
 * with the same weights, so the trainer's probabilities are unchanged and its logits can be distilled.
 * Layer configurations are cloned: the source network is never modified.
 */
final class TrainerImport {

    private TrainerImport() {
    }

    /** A trainer built from scratch from the builder's layers; the logits layer follows the last one. */
    static TrainerDefinition fromLayers(String inputName, InputType inputType, List<TrainerDefinition.Vertex> body,
            int nClasses) {
        String logitsInput = body.isEmpty() ? inputName : body.get(body.size() - 1).name;
        DenseLayer logits = new DenseLayer.Builder().nOut(nClasses).activation(Activation.IDENTITY).build();
        return new TrainerDefinition(inputName, inputType, new ArrayList<>(body), logitsInput, null, logits, null,
                nClasses, new HashMap<>(), null);
    }

    /** Layers {@code 0..n-2} keep their configurations, preprocessors and parameters under their layer names. */
    static TrainerDefinition fromMultiLayerNetwork(MultiLayerNetwork net) {
        requireInitialized(net, "trainer MultiLayerNetwork");
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        int last = n - 1;
        Layer lastLayer = conf.getConf(last).getLayer();
        OutputLayer output = requireSoftmaxOutput(lastLayer, "the last layer \""
                + (lastLayer.getLayerName() != null ? lastLayer.getLayerName() : "layer" + last) + "\" (index " + last
                + ") of the trainer MultiLayerNetwork");

        List<TrainerDefinition.Vertex> body = new ArrayList<>();
        Map<String, Map<String, INDArray>> parameters = new LinkedHashMap<>();
        String previous = JointNames.TRAINER_INPUT;
        for (int i = 0; i < last; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            body.add(new TrainerDefinition.Vertex(name, layer.clone(), null, clonePreProcessor(conf.getInputPreProcess(i)),
                    new String[] {previous}));
            parameters.put(name, copy(net.getLayer(i).paramTable()));
            previous = name;
        }
        parameters.put(JointNames.TRAINER_LOGITS, copy(net.getLayer(last).paramTable()));
        InputType inputType = inferInputType(conf.getInputPreProcess(0), conf.getConf(0).getLayer());
        return new TrainerDefinition(JointNames.TRAINER_INPUT, inputType, body, previous,
                clonePreProcessor(conf.getInputPreProcess(last)), logitsLike(output), classWeights(output),
                (int) output.getNOut(), parameters, conf.getDataType());
    }

    /** All vertices but the output layer keep their names, configurations, inputs and parameters. */
    static TrainerDefinition fromComputationGraph(ComputationGraph net) {
        requireInitialized(net, "trainer ComputationGraph");
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("the trainer ComputationGraph must have exactly one input and one output, "
                    + "got inputs " + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
        }
        String inputName = conf.getNetworkInputs().get(0);
        String outputName = conf.getNetworkOutputs().get(0);
        GraphVertex outputVertex = conf.getVertices().get(outputName);
        Layer outputConf = outputVertex instanceof LayerVertex
                ? ((LayerVertex) outputVertex).getLayerConf().getLayer() : null;
        OutputLayer output = requireSoftmaxOutput(outputConf, "the output \"" + outputName
                + "\" of the trainer ComputationGraph");

        List<TrainerDefinition.Vertex> body = new ArrayList<>();
        Map<String, Map<String, INDArray>> parameters = new LinkedHashMap<>();
        // A graph configuration does not keep its input types: tell it from a layer reading the input.
        InputType inputType = null;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String name = e.getKey();
            if (name.equals(outputName)) {
                continue;
            }
            String[] inputs = conf.getVertexInputs().get(name).toArray(new String[0]);
            if (e.getValue() instanceof LayerVertex) {
                LayerVertex lv = (LayerVertex) e.getValue();
                Layer layer = lv.getLayerConf().getLayer();
                body.add(new TrainerDefinition.Vertex(name, layer.clone(), null, clonePreProcessor(lv.getPreProcessor()),
                        inputs));
                parameters.put(name, copy(net.getLayer(name).paramTable()));
                if (inputType == null && inputs.length == 1 && inputs[0].equals(inputName)) {
                    inputType = inferInputType(lv.getPreProcessor(), layer);
                }
            } else {
                body.add(new TrainerDefinition.Vertex(name, null, e.getValue().clone(), null, inputs));
            }
        }
        parameters.put(JointNames.TRAINER_LOGITS, copy(net.getLayer(outputName).paramTable()));
        LayerVertex outputLayerVertex = (LayerVertex) outputVertex;
        List<String> outputInputs = conf.getVertexInputs().get(outputName);
        if (outputInputs.size() != 1) {
            throw new IllegalArgumentException("the output layer \"" + outputName + "\" of the trainer must have one input, "
                    + "got " + outputInputs);
        }
        return new TrainerDefinition(inputName, inputType, body, outputInputs.get(0),
                clonePreProcessor(outputLayerVertex.getPreProcessor()), logitsLike(output), classWeights(output),
                (int) output.getNOut(), parameters, conf.getDataType());
    }

    private static void requireInitialized(Model net, String what) {
        if (net.params() == null) {
            throw new IllegalArgumentException(what + " must be initialized (call init()) before it is imported");
        }
    }

    private static OutputLayer requireSoftmaxOutput(Layer layer, String where) {
        if (layer == null || layer.getClass() != OutputLayer.class) {
            throw new IllegalArgumentException(where + " must be a softmax OutputLayer (its class probabilities are "
                    + "what the projection network distills), got " + (layer == null ? "no layer"
                    : layer.getClass().getSimpleName() + outputHint(layer)));
        }
        OutputLayer output = (OutputLayer) layer;
        if (!(output.getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException(where + " must use the softmax activation, got " + output.getActivationFn());
        }
        if (!(output.getLossFn() instanceof LossMCXENT)) {
            throw new IllegalArgumentException(where + " must use the MCXENT or NEGATIVELOGLIKELIHOOD loss, got "
                    + output.getLossFn());
        }
        return output;
    }

    /** How to turn a trainer's other kinds of output into the one supported. */
    private static String outputHint(Layer layer) {
        if (layer instanceof RnnOutputLayer) {
            return ": a per-time-step output cannot be distilled into one prediction per example; pool the sequence "
                    + "(GlobalPoolingLayer or LastTimeStep) and end with an OutputLayer";
        }
        if (layer instanceof LossLayer) {
            return ": replace the preceding layer and the LossLayer by one OutputLayer with the same nOut";
        }
        return "";
    }

    /** A DenseLayer with the output layer's sizes and training settings and an identity activation. */
    private static DenseLayer logitsLike(OutputLayer output) {
        DenseLayer logits = new DenseLayer.Builder().nIn(output.getNIn()).nOut(output.getNOut())
                .activation(Activation.IDENTITY).hasBias(output.hasBias()).build();
        OutputLayer source = (OutputLayer) output.clone();
        logits.setWeightInitFn(source.getWeightInitFn());
        logits.setBiasInit(source.getBiasInit());
        logits.setGainInit(source.getGainInit());
        logits.setRegularization(source.getRegularization());
        logits.setRegularizationBias(source.getRegularizationBias());
        logits.setIUpdater(source.getIUpdater());
        logits.setBiasUpdater(source.getBiasUpdater());
        logits.setWeightNoise(source.getWeightNoise());
        logits.setGradientNormalization(source.getGradientNormalization());
        logits.setGradientNormalizationThreshold(source.getGradientNormalizationThreshold());
        logits.setIDropout(source.getIDropout());
        logits.setConstraints(source.getConstraints());
        return logits;
    }

    private static INDArray classWeights(OutputLayer output) {
        ILossFunction loss = output.getLossFn();
        INDArray weights = ((LossMCXENT) loss).getWeights();
        return weights == null ? null : weights.dup();
    }

    /**
     * The graph input type implied by the first layer: flattened images before a feed-forward-to-CNN
     * preprocessor, or the nIn of a dense first layer; null when it cannot be told.
     */
    private static InputType inferInputType(InputPreProcessor preProcessor, Layer first) {
        if (preProcessor instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) preProcessor;
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        Layer layer = unwrapFrozen(first);
        if (preProcessor == null && (layer instanceof DenseLayer || layer instanceof OutputLayer)) {
            long nIn = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNIn();
            return nIn > 0 ? InputType.feedForward(nIn) : null;
        }
        return null;
    }

    static Layer unwrapFrozen(Layer layer) {
        if (layer instanceof FrozenLayer) {
            return ((FrozenLayer) layer).getLayer();
        }
        if (layer instanceof FrozenLayerWithBackprop) {
            return ((FrozenLayerWithBackprop) layer).getUnderlying();
        }
        return layer;
    }

    private static InputPreProcessor clonePreProcessor(InputPreProcessor p) {
        return p == null ? null : p.clone();
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            out.put(e.getKey(), e.getValue().dup());
        }
        return out;
    }
}
