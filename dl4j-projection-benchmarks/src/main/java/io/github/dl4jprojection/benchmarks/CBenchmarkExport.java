package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.layers.export.CExporter;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prepares the C benchmark of {@code scripts/bench-c.sh}: exports the image model of
 * {@link ImagePredictBenchmark} for {@code bits}, {@code density} and {@code weights} as C
 * ({@code pnet_model_benchnet.h} and the runtime, via {@link CExporter}) into a folder, with the 128 bundled
 * Fashion-MNIST images as little-endian float32 ({@code images.f32}) and the Java runtime's label of
 * each ({@code labels.txt}), so the C driver ({@code src/main/c/pnet_bench.c}) times the same model on
 * the same inputs and checks that it predicts the same labels.
 *
 * <p>Usage: {@code CBenchmarkExport DIR BITS DENSITY FLOAT32|INT8 [columns]}; {@code columns} exports with
 * precomputed projection columns ({@code export-c --precompute-columns}). {@code CBenchmarkExport DIR seq S|M|L}
 * exports the sequence model of {@link SequencePredictBenchmark} instead, with its 2 KB message as UTF-8
 * ({@code text.txt}) and the Java runtime's label of it; {@code CBenchmarkExport DIR sketch B FLOAT32|INT8} the
 * sketch model of {@link SketchPredictBenchmark} with {@code B} buckets, with the same message.
 */
public final class CBenchmarkExport {

    private CBenchmarkExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[1].equals("seq")) {
            text(Paths.get(args[0]), SequencePredictBenchmark.model(SequencePredictBenchmark.Size.valueOf(args[2])));
            return;
        }
        if (args.length == 4 && args[1].equals("sketch")) {
            text(Paths.get(args[0]), SketchPredictBenchmark.model(Integer.parseInt(args[2]),
                    WeightType.valueOf(args[3])));
            return;
        }
        if (args.length != 4 && !(args.length == 5 && args[4].equals("columns"))) {
            throw new IllegalArgumentException("usage: CBenchmarkExport DIR BITS DENSITY FLOAT32|INT8 [columns], or DIR"
                    + " seq S|M|L, or DIR sketch BUCKETS FLOAT32|INT8");
        }
        Path dir = Paths.get(args[0]);
        ProjectionModel model = RandomModels.model(InputSpec.image(28, 28, 1),
                RandomModels.spec(Integer.parseInt(args[1]), Double.parseDouble(args[2])), RandomModels.CLASSES,
                WeightType.valueOf(args[3]));
        CExporter.export(model, dir, "benchnet", args.length == 5);
        float[][] images = FashionImages.load();
        ByteBuffer pixels = ByteBuffer.allocate(images.length * FashionImages.PIXELS * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        Predictor predictor = model.predictor();
        List<String> labels = new ArrayList<>();
        for (float[] image : images) {
            for (float v : image) {
                pixels.putFloat(v);
            }
            labels.add(Integer.toString(predictor.predict(image)));
        }
        Files.write(dir.resolve("images.f32"), pixels.array());
        Files.write(dir.resolve("labels.txt"), labels, StandardCharsets.US_ASCII);
    }

    /** Exports a text model with the 2 KB message of the text benchmarks and the Java runtime's label of it. */
    private static void text(Path dir, ProjectionModel model) throws IOException {
        CExporter.export(model, dir, "benchnet");
        String message = SequencePredictBenchmark.message();
        Files.write(dir.resolve("text.txt"), message.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("labels.txt"), Collections.singletonList(Integer.toString(
                TextPredictor.of(model).predict(message))), StandardCharsets.US_ASCII);
    }
}
