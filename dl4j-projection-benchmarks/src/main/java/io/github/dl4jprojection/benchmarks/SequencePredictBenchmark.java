package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
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
 * Latency of {@link TextPredictor#predict(CharSequence)} for a sequence model ({@code --model seq}) on the 2 KB
 * message of {@link TextPredictBenchmark}, featurizer defaults, 256 tokens at most, density 1/4, at the sizes of
 * docs/RESULTS.md ("seq-s", "seq-m", "seq-l": bits per token, bottleneck, convolution channels). Issue 11's target is
 * at most 150 us on one core. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SequencePredictBenchmark {

    /** The measured sizes. */
    public enum Size {
        S(64, 16, 32),
        M(128, 32, 64),
        L(128, 40, 80);

        final int bits;
        final int bottleneck;
        final int channels;

        Size(int bits, int bottleneck, int channels) {
            this.bits = bits;
            this.bottleneck = bottleneck;
            this.channels = channels;
        }
    }

    @Param({"S", "M", "L"})
    public Size size;

    private TextPredictor predictor;
    private String message;

    @Setup
    public void setUp() {
        message = message();
        predictor = TextPredictor.of(model(size));
    }

    /** The measured model of {@code size} (also the C benchmark's, {@link CBenchmarkExport}). */
    static ProjectionModel model(Size size) {
        InputSpec input = InputSpec.features(FeaturizerConfig.defaults().toSection());
        return RandomModels.sequenceModel(input, RandomModels.spec(size.bits, 0.25), 256, size.bottleneck,
                size.channels, 2);
    }

    /** The measured 2 KB message. */
    static String message() {
        return SyntheticText.generate(TextPredictBenchmark.MESSAGE_CHARS, RandomModels.SEED);
    }

    @Benchmark
    public int predict() {
        return predictor.predict(message);
    }
}
