package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.Shuffles;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What fixing the first layer costs (issue 12): the patch network (the PATCH family: every {@code p x p} patch at
 * stride {@code s} projected to B fixed bits by {@link PatchBits}, then trainable stages) against the same network
 * whose first layer is a <em>trained</em> convolution of the pixels, {@code p x p} at stride {@code s} with B ReLU
 * channels: a small CNN of the same shape and bytes, plus the {@code p * p * B + B} weights that the projection does
 * not store. Both are trained on the labels alone, in DL4J:
 * <pre>
 *   bits:   PatchBits(x) as +-1 [B, H0, W0] -&gt; per stage: conv k x k (C, ReLU), max pool q -&gt; dense K, softmax
 *   pixels: x / 255 [1, 28, 28] -&gt; conv p x p stride s (B, ReLU) -&gt; the same stages -&gt; dense K, softmax
 * </pre>
 * Adam 1e-3, batch 64, ReLU initialization (Xavier for the softmax), minibatches in the image iterator's order
 * ({@code Shuffles.permutation(n, SplitMix64.output(seed, epoch))}); test accuracy after every epoch in DL4J (the
 * exported PATCH model agrees with it: PatchJointExportParityTest). One CSV row per epoch:
 * {@code input,window,stride,bits,density,conv,seed,epoch,params,accuracy,epoch_seconds}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.dl4jprojection.benchmarks.pixels.PatchCnnStudy --input bits|pixels
 * [--window 4] [--stride 2] [--bits 16] [--density 1] [--conv 3:32:2[,3:64:2]] [--epochs 3] [--seeds 42]
 * [--data DIR] --out FILE.csv}.
 */
public final class PatchCnnStudy {

    private static final int SIDE = 28;
    private static final int BATCH = 64;

    private PatchCnnStudy() {
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("patch-cnn study: " + e.getMessage());
            System.exit(2);
            return;
        }
        TrainTestImages data = TrainTestImages.load(new ImageDataLocator().locate(ImageTask.FASHION_MNIST, o.data,
                null));
        boolean header = !Files.exists(o.out);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(o.out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            if (header) {
                csv.println("input,window,stride,bits,density,conv,seed,epoch,params,accuracy,epoch_seconds");
            }
            for (long seed : o.seeds) {
                run(o, data, seed, csv);
            }
        }
    }

    private static void run(Options o, TrainTestImages data, long seed, PrintWriter csv) {
        boolean bits = o.input.equals("bits");
        PatchBits patches = new PatchBits(ProjectionSpec.builder().numFunctions(o.bits).bitsPerFunction(1)
                .density(o.density).seed(seed).build(), SIDE, SIDE, 1, o.window, o.stride);
        float[][] train = encode(data.train(), bits, patches);
        float[][] test = encode(data.test(), bits, patches);
        long[] shape = bits ? new long[] {o.bits, patches.rows(), patches.columns()} : new long[] {1, SIDE, SIDE};
        MultiLayerNetwork net = network(o, bits, shape, data.train().numClasses(), seed);
        int n = train.length;
        int[] labels = data.train().labels();
        for (int epoch = 0; epoch < o.epochs; epoch++) {
            long t0 = System.nanoTime();
            int[] order = Shuffles.permutation(n, SplitMix64.output(seed, epoch));
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                INDArray y = Nd4j.zeros(DataType.FLOAT, to - from, data.train().numClasses());
                for (int r = from; r < to; r++) {
                    y.putScalar(r - from, labels[order[r]], 1f);
                }
                net.fit(new DataSet(batch(train, order, from, to, shape), y));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String row = String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%d,%d,%d,%.4f,%.1f", o.input, o.window,
                    o.stride, o.bits, o.density, o.conv.replace(',', ';'), seed, epoch + 1, net.numParams(),
                    accuracy(net, test, data.test().labels(), shape), seconds);
            csv.println(row);
            csv.flush();
            System.err.println(row);
        }
    }

    private static MultiLayerNetwork network(Options o, boolean bits, long[] shape, int classes, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).list();
        if (!bits) {
            b.layer(new ConvolutionLayer.Builder(o.window, o.window).stride(o.stride, o.stride).nOut(o.bits)
                    .activation(Activation.RELU).build());
        }
        for (String stage : o.conv.split(",")) {
            int[] kcq = Arrays.stream(stage.split(":")).mapToInt(Integer::parseInt).toArray();
            b.layer(new ConvolutionLayer.Builder(kcq[0], kcq[0]).nOut(kcq[1]).activation(Activation.RELU).build());
            if (kcq[2] > 1) {
                b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(kcq[2], kcq[2])
                        .stride(kcq[2], kcq[2]).build());
            }
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
        b.setInputType(InputType.convolutional(shape[1], shape[2], shape[0]));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** Per image, the network's input in NCHW order: the +-1 bit map [B][H0][W0], or the pixels / 255. */
    private static float[][] encode(ImageDataset images, boolean bits, PatchBits patches) {
        float[][] out = new float[images.size()][];
        float[] x = new float[images.pixelsPerImage()];
        float[] scratch = patches.newScratch();
        long[] words = new long[patches.outputWords()];
        int b = patches.bitsPerPosition();
        int positions = patches.positions();
        for (int k = 0; k < images.size(); k++) {
            images.copyPixels(k, x, 0, 1f);
            float[] v = new float[bits ? b * positions : x.length];
            if (bits) {
                patches.project(x, scratch, words);
                for (int p = 0; p < positions; p++) {
                    for (int j = 0; j < b; j++) {
                        int bit = p * b + j;
                        v[j * positions + p] = (words[bit >>> 6] >>> (bit & 63) & 1L) != 0 ? 1f : -1f;
                    }
                }
            } else {
                for (int i = 0; i < x.length; i++) {
                    v[i] = x[i] / 255f;
                }
            }
            out[k] = v;
        }
        return out;
    }

    private static INDArray batch(float[][] rows, int[] order, int from, int to, long[] shape) {
        int per = rows[0].length;
        float[] x = new float[(to - from) * per];
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[order == null ? r : order[r]], 0, x, (r - from) * per, per);
        }
        return Nd4j.create(x, new long[] {to - from, shape[0], shape[1], shape[2]}, 'c');
    }

    private static double accuracy(MultiLayerNetwork net, float[][] test, int[] labels, long[] shape) {
        int correct = 0;
        for (int from = 0; from < test.length; from += 500) {
            int to = Math.min(test.length, from + 500);
            INDArray predicted = net.output(batch(test, null, from, to, shape)).argMax(1);
            for (int r = from; r < to; r++) {
                correct += predicted.getInt(r - from) == labels[r] ? 1 : 0;
            }
        }
        return (double) correct / test.length;
    }

    /** Command-line options. */
    private static final class Options {
        private String input;
        private int window = 4;
        private int stride = 2;
        private int bits = 16;
        private double density = 1;
        private String conv = "3:32:2";
        private int epochs = 3;
        private long[] seeds = {42};
        private Path data;
        private Path out;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int a = 0; a < args.length; a += 2) {
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException(args[a] + " needs a value");
                }
                String v = args[a + 1];
                try {
                    switch (args[a]) {
                        case "--input": o.input = v; break;
                        case "--window": o.window = Integer.parseInt(v); break;
                        case "--stride": o.stride = Integer.parseInt(v); break;
                        case "--bits": o.bits = Integer.parseInt(v); break;
                        case "--density": o.density = Double.parseDouble(v); break;
                        case "--conv": o.conv = v; break;
                        case "--epochs": o.epochs = Integer.parseInt(v); break;
                        case "--seeds": o.seeds = Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray(); break;
                        case "--data": o.data = Paths.get(v); break;
                        case "--out": o.out = Paths.get(v); break;
                        default: throw new IllegalArgumentException("unknown option " + args[a]);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[a] + " takes a number, got '" + v + "'");
                }
            }
            if (!"bits".equals(o.input) && !"pixels".equals(o.input)) {
                throw new IllegalArgumentException("--input must be bits or pixels, got " + o.input);
            }
            if (!o.conv.matches("\\d+:\\d+:\\d+(,\\d+:\\d+:\\d+)*")) {
                throw new IllegalArgumentException("--conv takes K:C:Q[,K:C:Q...], got " + o.conv);
            }
            if (o.out == null) {
                throw new IllegalArgumentException("--out FILE.csv is required");
            }
            return o;
        }
    }
}
