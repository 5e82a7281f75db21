package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.model.InputSpec;
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
 * Latency of {@link TextPredictor#predict(CharSequence)} on a 2 KB English-like message
 * ({@link SyntheticText}, 2,048 ASCII characters) with the featurizer defaults
 * ({@link FeaturizerConfig#defaults()}: word 1-2-grams, 1-skip-grams, character 3-4-grams, case
 * folding, count weights), a 1024-bit projection (T = 64, d = 16, density 1/4), dense 40 (ReLU) and
 * 2 labels, as for ham/spam. Featurizing is included: it is the cost an application pays per message.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TextPredictBenchmark {

    static final int MESSAGE_CHARS = 2048;

    @Param({"FLOAT32", "INT8"})
    public WeightType weights;

    private TextPredictor predictor;
    private String message;

    @Setup
    public void setUp() {
        message = SyntheticText.generate(MESSAGE_CHARS, RandomModels.SEED);
        InputSpec input = InputSpec.features(FeaturizerConfig.defaults().toSection());
        predictor = TextPredictor.of(RandomModels.model(input, RandomModels.spec(1024, 0.25), 2, weights));
    }

    @Benchmark
    public int predict() {
        return predictor.predict(message);
    }
}
