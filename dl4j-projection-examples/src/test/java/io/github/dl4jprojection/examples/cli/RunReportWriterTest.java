package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFieldInOrderAsValidJson() throws IOException {
        RunReport report = RunReport.builder().task("fashion-mnist").trainerParams(2_800_000L).trainerBytes(11_200_000L)
                .trainerAccuracy(0.912).projectionBits(720).projectionParams(7_210L).modelBytes(29_500L)
                .projectionAccuracy(0.843).runtimeAccuracy(0.8431).runtimeAgreement(1.0).trainSeconds(95.5).seed(42L)
                .build();
        Path file = dir.resolve("sub/report.json");
        RunReportWriter.write(report, file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(Arrays.asList("task", "trainer_params", "trainer_bytes", "trainer_accuracy", "projection_bits",
                "projection_params", "model_bytes", "projection_accuracy", "runtime_accuracy", "runtime_agreement",
                "train_seconds", "seed"), names);
        assertEquals("fashion-mnist", json.get("task").asText());
        assertEquals(2_800_000L, json.get("trainer_params").asLong());
        assertEquals(0.912, json.get("trainer_accuracy").asDouble());
        assertEquals(720, json.get("projection_bits").asInt());
        assertEquals(95.5, json.get("train_seconds").asDouble());
        assertEquals(42, json.get("seed").asLong());
    }

    @Test
    void aTrainingReportEndsWithItsEpochsAndItsConfiguration() throws IOException {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("task", "image");
        configuration.put("bits", "60:12");
        configuration.put("epochs", "2");
        RunReport report = RunReport.builder().task("fashion-mnist").seed(42L)
                .epochs(Arrays.asList(new EpochRecord(1, 2.5, 0.76, 0.66, 2.25), new EpochRecord(2, Double.NaN, 0.78,
                        0.72, 1.5)))
                .configuration(configuration).build();
        JsonNode json = new ObjectMapper().readTree(RunReportWriter.toJson(report));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(Arrays.asList("task", "trainer_params", "trainer_bytes", "trainer_accuracy", "projection_bits",
                "projection_params", "model_bytes", "projection_accuracy", "runtime_accuracy", "runtime_agreement",
                "train_seconds", "seed", "epochs", "configuration"), names);
        JsonNode epochs = json.get("epochs");
        assertEquals(2, epochs.size());
        List<String> recordFields = new ArrayList<>();
        epochs.get(0).fieldNames().forEachRemaining(recordFields::add);
        assertEquals(Arrays.asList("epoch", "mean_loss", "trainer_accuracy", "projection_accuracy", "seconds"),
                recordFields);
        assertEquals(1, epochs.get(0).get("epoch").asInt());
        assertEquals(2.5, epochs.get(0).get("mean_loss").asDouble());
        assertEquals(0.76, epochs.get(0).get("trainer_accuracy").asDouble());
        assertEquals(0.66, epochs.get(0).get("projection_accuracy").asDouble());
        assertEquals(2.25, epochs.get(0).get("seconds").asDouble());
        assertTrue(epochs.get(1).get("mean_loss").isNull(), "a loss not measured is null");
        List<String> keys = new ArrayList<>();
        json.get("configuration").fieldNames().forEachRemaining(keys::add);
        assertEquals(Arrays.asList("task", "bits", "epochs"), keys, "in the configuration's order");
        assertEquals("60:12", json.get("configuration").get("bits").asText());
    }

    @Test
    void unknownAndNonFiniteValuesAreNullAndStringsAreEscaped() throws IOException {
        RunReport report = RunReport.builder().task("a\"b\\c\nd\u0001").runtimeAccuracy(Double.NaN)
                .trainSeconds(Double.POSITIVE_INFINITY).build();
        JsonNode json = new ObjectMapper().readTree(RunReportWriter.toJson(report));

        assertEquals("a\"b\\c\nd\u0001", json.get("task").asText());
        assertTrue(json.get("runtime_accuracy").isNull());
        assertTrue(json.get("train_seconds").isNull());
        assertTrue(json.get("seed").isNull());
        assertEquals(12, json.size());
    }
}
