package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
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
 * ({@link SyntheticText}, 2,048 ASCII characters), dense 40 (ReLU) and 2 labels, as for ham/spam, for
 * the candidate text configurations ({@link TextConfig}: featurizer settings, bits, density).
 * Featurizing is included: it is the cost an application pays per message. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TextPredictBenchmark {

    static final int MESSAGE_CHARS = 2048;

    /** The candidate configurations the text default is chosen from. */
    public enum TextConfig {
        /** Featurizer defaults (word 1-2-grams, 1-skip-grams, char 3-4-grams), 512 bits (T = 32), density 1/4. */
        C1(FeaturizerConfig.defaults(), 512, 0.25),
        /** Word 1-2-grams only, 512 bits, density 1/16. */
        C2(FeaturizerConfig.builder().wordNgramMax(2).maxSkip(0).noCharNgrams().build(), 512, 0.0625),
        /** Word 1-2-grams and 1-skip-grams, no char n-grams, 512 bits, density 1/8. */
        C3(FeaturizerConfig.builder().wordNgramMax(2).maxSkip(1).noCharNgrams().build(), 512, 0.125),
        /** The first default: featurizer defaults, 1024 bits (T = 64, d = 16), density 1/4. */
        OLD1024(FeaturizerConfig.defaults(), 1024, 0.25);

        final FeaturizerConfig featurizer;
        final int bits;
        final double density;

        TextConfig(FeaturizerConfig featurizer, int bits, double density) {
            this.featurizer = featurizer;
            this.bits = bits;
            this.density = density;
        }

        ProjectionSpec spec() {
            return RandomModels.spec(bits, density);
        }
    }

    @Param({"C1", "C2", "C3", "OLD1024"})
    public TextConfig config;

    @Param({"FLOAT32", "INT8"})
    public WeightType weights;

    private TextPredictor predictor;
    private String message;

    @Setup
    public void setUp() {
        message = SyntheticText.generate(MESSAGE_CHARS, RandomModels.SEED);
        InputSpec input = InputSpec.features(config.featurizer.toSection());
        predictor = TextPredictor.of(RandomModels.model(input, config.spec(), 2, weights));
    }

    @Benchmark
    public int predict() {
        return predictor.predict(message);
    }
}
