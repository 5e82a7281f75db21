package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The projection network of {@link ImagePredictBenchmark} ({@code bits} bits, T = bits / 16, d = 16,
 * {@code density}, dense 40 ReLU, softmax 10) as a DL4J {@link ComputationGraph}: {@code ProjectionLayer ->
 * DenseLayer -> OutputLayer}, timed through {@link ComputationGraph#output(INDArray...)} at batch 1
 * and batch 256. Scores are per example ({@link OperationsPerInvocation}), so they compare directly
 * with the runtime's per-call latency. ND4J uses its default number of threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Dl4jGraphBenchmark {

    private static final int BATCH = 256;

    @Param({"256", "1024"})
    public int bits;

    @Param({"0.25", "0.0625"})
    public double density;

    private ComputationGraph graph;
    private INDArray[] singles;
    private INDArray batch;
    private int next;

    @Setup
    public void setUp() {
        ProjectionSpec spec = RandomModels.spec(bits, density);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(RandomModels.SEED)
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.feedForward(FashionImages.PIXELS))
                .addLayer("projection", new ProjectionLayer.Builder().nIn(FashionImages.PIXELS)
                        .numFunctions(spec.numFunctions()).bitsPerFunction(spec.bitsPerFunction())
                        .seed(spec.seed()).density(spec.density()).encoding(BitEncoding.PLUS_MINUS_ONE)
                        .build(), "pixels")
                .addLayer("hidden", new DenseLayer.Builder().nOut(RandomModels.HIDDEN)
                        .activation(Activation.RELU).build(), "projection")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(RandomModels.CLASSES).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        graph = new ComputationGraph(conf);
        graph.init();

        float[][] images = FashionImages.load();
        singles = new INDArray[images.length];
        float[][] rows = new float[BATCH][];
        for (int i = 0; i < images.length; i++) {
            singles[i] = Nd4j.create(new float[][] {images[i]});
        }
        for (int i = 0; i < BATCH; i++) {
            rows[i] = images[i % images.length];
        }
        batch = Nd4j.create(rows);
    }

    /** One example per call, cycling through the 128 images. */
    @Benchmark
    public INDArray batch1() {
        INDArray x = singles[next];
        next = (next + 1) % singles.length;
        return graph.output(x)[0];
    }

    /** 256 examples per call (the 128 images twice); the score is per example. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public INDArray batch256() {
        return graph.output(batch)[0];
    }
}
