package io.github.dl4jprojection.layers.joint;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Vertex and input names the joint graph gives the parts it adds around the trainer. */
final class JointNames {

    /** Graph input of a trainer given as layers or as a MultiLayerNetwork (a ComputationGraph keeps its own). */
    static final String TRAINER_INPUT = "input";
    static final String BITS_INPUT = "bits";
    static final String TRAINER_LOGITS = "trainer_logits";
    static final String TRAINER_OUTPUT = "trainer_output";
    static final String PROJECTION = "projection";
    static final String PROJECTION_HIDDEN_PREFIX = "projection_hidden_";
    // The sequence encoder of a TokenBitsInputLayer projection.
    static final String SEQUENCE_BOTTLENECK = "projection_bottleneck";
    static final String SEQUENCE_MASK = "projection_bottleneck_mask";
    static final String SEQUENCE_CONV = "projection_conv";
    static final String SEQUENCE_POOL = "projection_pool";
    // The convolution stages of a PatchProjectionLayer projection: projection_stage_conv_0, projection_stage_pool_0...
    static final String STAGE_PREFIX = "projection_stage_";
    static final String PROJECTION_LOGITS = "projection_logits";
    static final String MERGE = "distillation_merge";
    static final String PROJECTION_OUTPUT = "projection_output";

    /** Names a trainer's own vertices must not use (hidden projection layers are checked by prefix). */
    static final List<String> RESERVED = Collections.unmodifiableList(Arrays.asList(BITS_INPUT, TRAINER_LOGITS,
            TRAINER_OUTPUT, PROJECTION, PROJECTION_LOGITS, MERGE, PROJECTION_OUTPUT, SEQUENCE_BOTTLENECK, SEQUENCE_MASK,
            SEQUENCE_CONV, SEQUENCE_POOL));

    private JointNames() {
    }

    static String hidden(int index) {
        return PROJECTION_HIDDEN_PREFIX + index;
    }

    static String stageConv(int index) {
        return STAGE_PREFIX + "conv_" + index;
    }

    static String stagePool(int index) {
        return STAGE_PREFIX + "pool_" + index;
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(name) || name.startsWith(PROJECTION_HIDDEN_PREFIX) || name.startsWith(STAGE_PREFIX);
    }
}
