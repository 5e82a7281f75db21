package io.github.dl4jprojection.layers.joint;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trainer network in a form the joint graph can be assembled from, whatever it came from (layers
 * given to the builder, a {@code MultiLayerNetwork}, a {@code ComputationGraph}): its body as graph
 * vertices, a logits layer (identity activation, K outputs) that replaces a softmax output layer, and the
 * parameters to copy into the joint graph after initialization.
 */
final class TrainerDefinition {

    /** One vertex of the trainer's body: a layer (with its preprocessor) or another graph vertex. */
    static final class Vertex {
        final String name;
        final Layer layer;
        final GraphVertex vertex;
        final InputPreProcessor preProcessor;
        final String[] inputs;

        Vertex(String name, Layer layer, GraphVertex vertex, InputPreProcessor preProcessor, String[] inputs) {
            this.name = name;
            this.layer = layer;
            this.vertex = vertex;
            this.preProcessor = preProcessor;
            this.inputs = inputs;
        }
    }

    final String inputName;
    /** Null when the source did not say; the builder then needs {@code trainerInputType}. */
    final InputType inputType;
    final List<Vertex> body;
    final String logitsInput;
    final InputPreProcessor logitsPreProcessor;
    final DenseLayer logits;
    /** Per-class weights of the source output layer's loss, or null. */
    final INDArray classWeights;
    final int nClasses;
    /** Vertex name (in the joint graph) to parameter key to values. */
    final Map<String, Map<String, INDArray>> parameters;
    /** The source network's data type, or null for a trainer built from scratch. */
    final DataType dataType;

    TrainerDefinition(String inputName, InputType inputType, List<Vertex> body, String logitsInput,
            InputPreProcessor logitsPreProcessor, DenseLayer logits, INDArray classWeights, int nClasses,
            Map<String, Map<String, INDArray>> parameters, DataType dataType) {
        this.inputName = inputName;
        this.inputType = inputType;
        this.body = Collections.unmodifiableList(body);
        this.logitsInput = logitsInput;
        this.logitsPreProcessor = logitsPreProcessor;
        this.logits = logits;
        this.classWeights = classWeights;
        this.nClasses = nClasses;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.dataType = dataType;
    }

    /** Whether the trainer comes from an existing network (and so has parameters to copy). */
    boolean isPretrained() {
        return dataType != null;
    }
}
