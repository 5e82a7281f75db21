package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.pipeline.Backends;
import io.github.dl4jprojection.pipeline.FakeRuntimeModel;
import io.github.dl4jprojection.pipeline.TrainingOutcome;
import io.github.dl4jprojection.pipeline.TrainingJob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backends for command tests. The "model file" is text: input size, bit count, then label names,
 * one per line. Training writes such a file and reports DL4J predictions that follow
 * {@link FakeRuntimeModel#rule} except on the first test image, so runtime agreement is
 * {@code (n-1)/n}.
 */
final class FakeBackends {

    TrainingJob lastJob;
    final List<Path> exported = new ArrayList<>();

    Backends backends() {
        return new Backends((job, progress) -> {
            lastJob = job;
            ImageDataset test = job.images().test();
            writeModel(job.files().modelFile(), test.pixelsPerImage(), job.config().bits().totalBits(),
                    test.labelNames());
            int[] predictions = new int[test.size()];
            for (int i = 0; i < predictions.length; i++) {
                predictions[i] = FakeRuntimeModel.rule(test.pixel(i, 0), test.numClasses());
            }
            predictions[0] = (predictions[0] + 1) % test.numClasses();
            return TrainingOutcome.builder().trainerParams(100_000).trainerBytes(400_000).trainerAccuracy(0.9)
                    .projectionParams(1_000).projectionAccuracy(0.8).projectionTestPredictions(predictions).build();
        }, file -> {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new FakeRuntimeModel(Integer.parseInt(lines.get(0)), lines.subList(2, lines.size()),
                    Integer.parseInt(lines.get(1)));
        }, (model, dir, precomputeColumns) -> {
            Path h = Files.write(dir.resolve("pnet_model_model.h"), "/* h */".getBytes(StandardCharsets.UTF_8));
            Path c = Files.write(dir.resolve("model.c"), "/* c */".getBytes(StandardCharsets.UTF_8));
            exported.addAll(Arrays.asList(h, c));
            return Arrays.asList(h, c);
        });
    }

    static void writeModel(Path file, int inputSize, int bits, List<String> labels) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Integer.toString(inputSize));
        lines.add(Integer.toString(bits));
        lines.addAll(labels);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
