package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
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
 * The featurizer alone on the message of {@link TextPredictBenchmark} (2,048 ASCII characters) with
 * the featurizer settings of each candidate configuration: subtracted from that benchmark's score it
 * tells how a text prediction splits between featurizing and projecting plus the dense layers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TextFeaturizeBenchmark {

    /** C1 and OLD1024 share the featurizer defaults. */
    @Param({"C1", "C2", "C3"})
    public TextPredictBenchmark.TextConfig config;

    private TextFeaturizer featurizer;
    private FeaturizerScratch scratch;
    private String message;

    @Setup
    public void setUp() {
        message = SyntheticText.generate(TextPredictBenchmark.MESSAGE_CHARS, RandomModels.SEED);
        featurizer = new TextFeaturizer(config.featurizer);
        scratch = featurizer.newScratch();
    }

    /** The number of distinct features, returned so the work is not optimized away. */
    @Benchmark
    public int featurize() {
        return featurizer.featurize(message, scratch);
    }
}
