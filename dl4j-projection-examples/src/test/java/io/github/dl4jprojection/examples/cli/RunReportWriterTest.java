package io.github.dl4jprojection.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

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
