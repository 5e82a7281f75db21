package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.WeightType;
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
 * Latency of one {@link Predictor#predict(float[])} call of the Java runtime on a 28x28 image:
 * projection of 784 pixels to {@code bits} bits (T = bits / 16, d = 16) at {@code density}, then
 * dense 40 (ReLU) and 10 logits, float32 or int8 weights. Calls cycle through the 128 bundled
 * Fashion-MNIST images. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should be 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ImagePredictBenchmark {

    @Param({"256", "512", "1024"})
    public int bits;

    /** Fraction of non-zero projection entries: 1, 1/4, 1/16. */
    @Param({"1", "0.25", "0.0625"})
    public double density;

    @Param({"FLOAT32", "INT8"})
    public WeightType weights;

    private Predictor predictor;
    private float[][] images;
    private int next;

    @Setup
    public void setUp() {
        images = FashionImages.load();
        predictor = RandomModels.model(InputSpec.image(28, 28, 1), RandomModels.spec(bits, density),
                RandomModels.CLASSES, weights).predictor();
    }

    @Benchmark
    public int predict() {
        float[] x = images[next];
        next = (next + 1) % images.length;
        return predictor.predict(x);
    }
}
