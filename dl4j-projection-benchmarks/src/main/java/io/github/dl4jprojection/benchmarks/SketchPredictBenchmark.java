package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of {@link TextPredictor#predict(CharSequence)} for a sketch model ({@code --model sketch}: the count sketch
 * of the feature bag, {@code B} floats, into a linear layer of 2 labels) on the 2 KB message of
 * {@link TextPredictBenchmark}, featurizer defaults, at the bucket counts measured in docs/RESULTS.md. The C
 * benchmark of {@code scripts/bench-c.sh sketch:B} times the same model ({@link CBenchmarkExport}). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SketchPredictBenchmark {

    @Param({"4096", "16384"})
    public int buckets;

    @Param({"FLOAT32"})
    public WeightType weights;

    private TextPredictor predictor;
    private String message;

    @Setup
    public void setUp() {
        message = SequencePredictBenchmark.message();
        predictor = TextPredictor.of(model(buckets, weights));
    }

    /** The measured model (also the C benchmark's): featurizer defaults, {@code buckets} buckets, 2 labels. */
    static ProjectionModel model(int buckets, WeightType weights) {
        return RandomModels.sketchModel(InputSpec.features(FeaturizerConfig.defaults().toSection()), buckets, 2,
                weights);
    }

    @Benchmark
    public int predict() {
        return predictor.predict(message);
    }
}
