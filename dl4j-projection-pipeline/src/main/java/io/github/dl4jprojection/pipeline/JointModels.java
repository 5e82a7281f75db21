package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.qat.QuantizationAwareTraining;
import java.util.List;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The part of a joint model that every task builds the same way from a {@link TrainingConfig}. */
final class JointModels {

    private JointModels() {
    }

    /**
     * A joint builder with the configuration's classes, projection hidden layers, loss weights, temperature,
     * Adam learning rates (trainer and projection) and their per-epoch decay, seed and quantization-aware training; the task adds the trainer and the projection input.
     */
    static JointProjectionModel.Builder common(TrainingConfig config, List<String> labelNames) {
        return new JointProjectionModel.Builder()
                .nClasses(labelNames.size())
                .labelNames(labelNames)
                .hiddenLayers(config.hiddenLayerArray())
                .lambdaTrainer(config.lossWeights().trainer())
                .lambdaDistill(config.lossWeights().distillation())
                .lambdaLabels(config.lossWeights().projection())
                .temperature(config.temperature())
                .updater(adam(config.learningRate(), config.learningRateDecay()))
                .projectionUpdater(adam(config.projectionLearningRate(), config.learningRateDecay()))
                .seed(config.seed())
                .quantizationAware(quantizationAware(config));
    }

    /**
     * Adam at {@code rate}, multiplied by {@code decay} after every epoch. The schedule reads the graph's epoch
     * count, which a checkpoint keeps, so a resumed run goes on at the rate it had reached.
     */
    static Adam adam(double rate, double decay) {
        return decay == 1 ? new Adam(rate) : new Adam(new ExponentialSchedule(ScheduleType.EPOCH, rate, decay));
    }

    /** The fake quantization of the configured export, or null for float training. */
    static QuantizationAwareTraining quantizationAware(TrainingConfig config) {
        if (!config.quantizationAware()) {
            return null;
        }
        return config.quantization() == ExportQuantization.INT8_FIXED
                ? QuantizationAwareTraining.weightsAndActivations(QuantizationAwareTraining.DEFAULT_DECAY)
                : QuantizationAwareTraining.weights();
    }
}
