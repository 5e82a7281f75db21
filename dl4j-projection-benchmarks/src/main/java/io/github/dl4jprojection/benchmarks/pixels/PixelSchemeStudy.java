package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Compares LSH bit schemes on Fashion-MNIST (issue 12): for each scheme, bit budget and seed, computes the bits of
 * the training and test images ({@link BitMatrix}, reference projection), trains {@link BitsNetwork} on them and
 * scores it on the whole test set with float32 and int8 weights. The seed is the projection's seed, the network's
 * initialization seed and the minibatch order's. Writes one CSV row per (scheme, bits, seed, weights):
 * <pre>
 *   scheme,bits,hidden,seed,weights,bytes,accuracy,bits_seconds,train_seconds
 * </pre>
 * {@code bytes} is the {@code .pnet} file the runtime would read (ModelWriter, without provenance) plus the
 * scheme's {@link BitScheme#extraBytes()}.
 *
 * <p>Usage ({@code java -cp benchmarks.jar io.github.dl4jprojection.benchmarks.pixels.PixelSchemeStudy}):
 * {@code [--data DIR] [--schemes raw,global,pixel,patch,pixel+patch] [--bits 256,720,1024] [--seeds 42,43,44]
 * [--epochs 5] [--batch 64] [--learning-rate 0.001] [--hidden 0] [--density 0.25] [--train-per-class 0]
 * --out FILE.csv}. Patches are 7x7 windows at stride 7 (16 patches): {@code patch} needs bits divisible by 16,
 * {@code pixel+patch} gives {@code floor(B / 32)} bits to each patch and the rest to the per-pixel centred
 * projection of the whole image.
 */
public final class PixelSchemeStudy {

    private static final int SIDE = 28;
    private static final int WINDOW = 7;
    private static final int PATCHES = (SIDE / WINDOW) * (SIDE / WINDOW);

    private final StudyOptions options;
    private final TrainTestImages data;
    private final float[] perPixel;
    private final float[] global;

    private PixelSchemeStudy(StudyOptions options, TrainTestImages data) {
        this.options = options;
        this.data = data;
        this.perPixel = PixelOffsets.perPixel(data.train());
        this.global = PixelOffsets.global(data.train());
    }

    public static void main(String[] args) throws IOException {
        StudyOptions options;
        try {
            options = StudyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pixel-scheme study: " + e.getMessage());
            System.exit(2);
            return;
        }
        ImageDataLocator locator = new ImageDataLocator();
        TrainTestImages data = TrainTestImages.load(locator.locate(ImageTask.FASHION_MNIST, options.data(), null));
        if (options.trainPerClass() > 0) {
            data = data.withTrainingSubset(options.trainPerClass(), 42);
        }
        new PixelSchemeStudy(options, data).run();
    }

    private void run() throws IOException {
        System.err.println("train " + data.train().size() + ", test " + data.test().size() + "; global mean "
                + global[0]);
        Path out = options.out();
        boolean header = !Files.exists(out);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
            if (header) {
                csv.println("scheme,bits,hidden,seed,weights,bytes,accuracy,bits_seconds,train_seconds");
            }
            for (int bits : options.bits()) {
                for (String name : options.schemes()) {
                    for (long seed : options.seeds()) {
                        runPoint(name, bits, seed, csv);
                    }
                }
            }
        }
    }

    private void runPoint(String name, int bits, long seed, PrintWriter csv) {
        BitScheme scheme = scheme(name, bits, seed);
        long t0 = System.nanoTime();
        BitMatrix train = BitMatrix.of(data.train(), scheme);
        BitMatrix test = BitMatrix.of(data.test(), scheme);
        double bitSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        BitsNetwork net = BitsNetwork.create(scheme.numBits(), options.hidden(), data.train().numClasses(),
                options.learningRate(), seed);
        net.fit(train, data.train().labels(), options.epochs(), options.batch(), seed);
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        for (boolean int8 : new boolean[] {false, true}) {
            List<DenseBlock> layers = net.layers(int8);
            double accuracy = BitsNetwork.accuracy(layers, test, data.test().labels());
            long bytes = fileBytes(scheme, layers, seed) + scheme.extraBytes();
            String row = String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%d,%.4f,%.1f,%.1f", scheme.name(),
                    scheme.numBits(), options.hidden(), seed, int8 ? "int8" : "float32", bytes, accuracy, bitSeconds,
                    trainSeconds);
            csv.println(row);
            csv.flush();
            System.err.println(row);
        }
    }

    /** The scheme of this name with {@code bits} bits. */
    private BitScheme scheme(String name, int bits, long seed) {
        switch (name) {
            case "raw":
                return new CentredProjection("raw", new float[SIDE * SIDE], 0, spec(bits, seed));
            case "global":
                return new CentredProjection("global", global, 1, spec(bits, seed));
            case "pixel":
                return pixel(bits, seed);
            case "patch":
                if (bits % PATCHES != 0) {
                    throw new IllegalArgumentException("--bits for patch must be a multiple of " + PATCHES
                            + ", got " + bits);
                }
                return patch(bits / PATCHES, seed);
            case "pixel+patch":
                int perPatch = bits / (2 * PATCHES);
                return new ConcatScheme(pixel(bits - PATCHES * perPatch, seed), patch(perPatch, seed + 1),
                        perPixel.length);
            default:
                throw new IllegalArgumentException("unknown scheme " + name);
        }
    }

    private BitScheme pixel(int bits, long seed) {
        return new CentredProjection("pixel", perPixel, perPixel.length, spec(bits, seed));
    }

    private BitScheme patch(int bitsPerPatch, long seed) {
        return new PatchProjection(perPixel, SIDE, WINDOW, WINDOW, bitsPerPatch, options.density(), seed);
    }

    private ProjectionSpec spec(int bits, long seed) {
        return ProjectionSpec.builder().numFunctions(bits).bitsPerFunction(1).density(options.density()).seed(seed)
                .build();
    }

    /** Bytes of the {@code .pnet} file of a dense model with this many bits and these layers, no provenance. */
    private long fileBytes(BitScheme scheme, List<DenseBlock> layers, long seed) {
        ProjectionModel model = ProjectionModel.builder().projection(spec(scheme.numBits(), seed))
                .input(InputSpec.image(SIDE, SIDE, 1)).layers(layers).labels(data.train().labelNames()).build();
        return ModelWriter.toBytes(model).length;
    }

    /** Command-line options; every list is comma-separated. */
    static final class StudyOptions {
        private Path data;
        private Path out;
        private String[] schemes = {"raw", "global", "pixel", "patch", "pixel+patch"};
        private int[] bits = {256, 720, 1024};
        private long[] seeds = {42, 43, 44};
        private int epochs = 5;
        private int batch = 64;
        private double learningRate = 1e-3;
        private int hidden;
        private double density = 0.25;
        private int trainPerClass;

        /** @throws IllegalArgumentException naming the option that is wrong */
        static StudyOptions parse(String[] args) {
            StudyOptions o = new StudyOptions();
            for (int a = 0; a < args.length; a += 2) {
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException(args[a] + " needs a value");
                }
                String v = args[a + 1];
                try {
                    switch (args[a]) {
                        case "--data": o.data = Paths.get(v); break;
                        case "--out": o.out = Paths.get(v); break;
                        case "--schemes": o.schemes = v.split(","); break;
                        case "--bits": o.bits = java.util.Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray(); break;
                        case "--seeds": o.seeds = java.util.Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray(); break;
                        case "--epochs": o.epochs = Integer.parseInt(v); break;
                        case "--batch": o.batch = Integer.parseInt(v); break;
                        case "--learning-rate": o.learningRate = Double.parseDouble(v); break;
                        case "--hidden": o.hidden = Integer.parseInt(v); break;
                        case "--density": o.density = Double.parseDouble(v); break;
                        case "--train-per-class": o.trainPerClass = Integer.parseInt(v); break;
                        default: throw new IllegalArgumentException("unknown option " + args[a]);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[a] + " takes numbers, got '" + v + "'");
                }
            }
            if (o.out == null) {
                throw new IllegalArgumentException("--out FILE.csv is required");
            }
            return o;
        }

        Path data() { return data; }
        Path out() { return out; }
        String[] schemes() { return schemes; }
        int[] bits() { return bits; }
        long[] seeds() { return seeds; }
        int epochs() { return epochs; }
        int batch() { return batch; }
        double learningRate() { return learningRate; }
        int hidden() { return hidden; }
        double density() { return density; }
        int trainPerClass() { return trainPerClass; }
    }
}
