package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.EpochRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link RunReport} as a JSON object with the fields, in this order: task,
 * trainer_params, trainer_bytes, trainer_accuracy, projection_bits, projection_params, model_bytes,
 * projection_accuracy, runtime_accuracy, runtime_agreement, train_seconds, seed, and for a training run two more:
 * epochs (an array of one object per finished epoch: epoch, mean_loss, trainer_accuracy, projection_accuracy,
 * seconds) and configuration (an object of the training configuration's keys and values, as strings, in
 * {@code TrainingConfig.asProperties()} order). Unknown values, NaN and infinities are written as {@code null}. Serialized by Jackson (the copy ND4J shades, already on the
 * classpath), which does the escaping.
 */
public final class RunReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReportWriter() {
    }

    /** The report as pretty-printed JSON (two-space indent, trailing newline). */
    public static String toJson(RunReport r) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("task", r.task());
        fields.put("trainer_params", r.trainerParams());
        fields.put("trainer_bytes", r.trainerBytes());
        putFinite(fields, "trainer_accuracy", r.trainerAccuracy());
        fields.put("projection_bits", r.projectionBits());
        fields.put("projection_params", r.projectionParams());
        fields.put("model_bytes", r.modelBytes());
        putFinite(fields, "projection_accuracy", r.projectionAccuracy());
        putFinite(fields, "runtime_accuracy", r.runtimeAccuracy());
        putFinite(fields, "runtime_agreement", r.runtimeAgreement());
        putFinite(fields, "train_seconds", r.trainSeconds());
        fields.put("seed", r.seed());
        if (r.epochs() != null) {
            ArrayNode epochs = fields.putArray("epochs");
            for (EpochRecord e : r.epochs()) {
                ObjectNode epoch = epochs.addObject();
                epoch.put("epoch", e.epoch());
                putFinite(epoch, "mean_loss", e.meanLoss());
                putFinite(epoch, "trainer_accuracy", e.trainerAccuracy());
                putFinite(epoch, "projection_accuracy", e.projectionAccuracy());
                putFinite(epoch, "seconds", e.seconds());
            }
        }
        if (r.configuration() != null) {
            ObjectNode configuration = fields.putObject("configuration");
            for (Map.Entry<String, String> e : r.configuration().entrySet()) {
                configuration.put(e.getKey(), e.getValue());
            }
        }
        try {
            return JSON.writeValueAsString(fields) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers could not be serialized", e);
        }
    }

    /** Writes {@link #toJson} to {@code file} in UTF-8, creating missing parent folders. */
    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toJson(report).getBytes(StandardCharsets.UTF_8));
    }

    /** JSON has no NaN or infinity: those, like an unknown value, are {@code null}. */
    private static void putFinite(ObjectNode fields, String name, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            fields.putNull(name);
        } else {
            fields.put(name, value);
        }
    }
}
