package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageDataSetIterator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.PixelScaling;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.pipeline.ImageTrainer;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingPipeline;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The frozen arm of issue 12's joint-training sweep on Fashion-MNIST: a pre-trained, frozen trainer teaching the
 * projection network, through the library's API for a user who already has a trained DL4J network
 * ({@code JointProjectionModel.Builder.trainer(graph).freezeTrainer(true)}). The "trained together" arm (the
 * paper's, the default of {@code train}) and the "labels alone" arm come from the command line itself
 * ({@code train --lambda 1,l2,1} and {@code --lambda 0,0,1}); docs/RESULTS.md puts the three side by side.
 *
 * <p>Per seed: the trainer of {@code train --trainer mlp} (a 1/255 scaling, dense 512 - dense 512 with dropout,
 * softmax) is trained alone for {@code --trainer-epochs} on the labels, then frozen; for every {@code (l2, tau)}
 * of the grid a projection network of {@code train}'s defaults (density 1/4, no hidden layer, Adam 1e-3, minibatch
 * 64, the seed as projection seed) is trained for {@code --epochs} with {@code l2 * distill + l3 * labels}
 * ({@code l3 = 1}), exported, and scored by the Java runtime on the whole test set. {@code l2 = 0} (listed first)
 * is the projection trained on the labels alone in this same harness: the check that it matches the command
 * line's. One CSV row per point ({@code weight_bytes}: 4 bytes per parameter of the exported network):
 * <pre>
 *   arm,l2,tau,seed,trainer_accuracy,runtime_accuracy,weight_bytes,train_seconds
 * </pre>
 *
 * <p>Usage ({@code java -cp benchmarks.jar io.github.dl4jprojection.benchmarks.FrozenTrainerStudy}):
 * {@code [--data DIR] [--train-per-class 2000] [--bits 64:16] [--seeds 42,1,2] [--l2 0,0.1,0.5,1]
 * [--tau 1,2,4] [--epochs 5] [--trainer-epochs 5] --out FILE.csv}.
 */
public final class FrozenTrainerStudy {

    /** The subset seed of {@code train --train-per-class}, so both arms see the same images. */
    private static final long SUBSET_SEED = 20190609L;
    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 1e-3;
    private static final String INPUT = "pixels";

    private FrozenTrainerStudy() {
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("frozen-trainer study: " + e.getMessage());
            System.exit(2);
            return;
        }
        TrainTestImages data = TrainTestImages.load(new ImageDataLocator().locate(ImageTask.FASHION_MNIST,
                o.data, null));
        if (o.trainPerClass > 0) {
            data = data.withTrainingSubset(o.trainPerClass, SUBSET_SEED);
        }
        boolean header = !Files.exists(o.out);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(o.out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            if (header) {
                csv.println("arm,l2,tau,seed,trainer_accuracy,runtime_accuracy,weight_bytes,train_seconds");
            }
            for (long seed : o.seeds) {
                ComputationGraph trainer = trainer(data.train(), seed);
                ImageDataSetIterator batches = batches(data.train(), seed);
                for (int e = 0; e < o.trainerEpochs; e++) {
                    batches.setEpoch(e);
                    trainer.fit(batches);
                }
                double trainerAccuracy = trainer.evaluate(testBatches(data.test())).accuracy();
                for (double l2 : o.l2) {
                    for (double tau : l2 == 0 ? new double[] {1} : o.tau) {
                        String point = projectionPoint(o, data, trainer, batches, l2, tau, seed);
                        String row = String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%s", l2 == 0 ? "alone" : "frozen",
                                l2, tau, seed, trainerAccuracy, point);
                        csv.println(row);
                        csv.flush();
                        System.err.println(row);
                    }
                }
            }
        }
    }

    /**
     * Trains one projection network with the frozen {@code trainer} and {@code l2 * distill + labels}, exports it and
     * returns its CSV columns {@code runtime_accuracy,weight_bytes,train_seconds}.
     */
    private static String projectionPoint(Options o, TrainTestImages data, ComputationGraph trainer,
                                          ImageDataSetIterator batches, double l2, double tau, long seed) {
        ImageDataset train = data.train();
        long t0 = System.nanoTime();
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainer(trainer).freezeTrainer(true)
                .trainerInputType(InputType.feedForward(train.pixelsPerImage()))
                .labelNames(train.labelNames())
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(o.functions)
                        .bitsPerFunction(o.bitsPerFunction).density(0.25).seed(seed).build())
                .lambdaTrainer(0).lambdaDistill(l2).lambdaLabels(1).temperature(tau)
                .updater(new Adam(LEARNING_RATE)).seed(seed).build();
        for (int e = 0; e < o.epochs; e++) {
            // As the training pipeline does, so that the generator's draws and the batch order are the command line's.
            Nd4j.getRandom().setSeed(TrainingPipeline.epochSeed(seed, e));
            batches.setEpoch(e);
            joint.fit(batches, 1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ProjectionModel model = ProjectionNetExporter.from(joint).labels(train.labelNames())
                .input(InputSpec.image(train.height(), train.width(), 1)).export();
        return String.format(Locale.ROOT, "%.4f,%d,%.1f", runtimeAccuracy(model, data.test()),
                model.numParameters() * 4L, seconds);
    }

    /** {@code train --trainer mlp}'s trainer as a standalone graph on raw pixels, with a softmax output. */
    private static ComputationGraph trainer(ImageDataset train, long seed) {
        ImageTrainer mlp = Trainers.image("mlp");
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs(INPUT).setInputTypes(InputType.feedForward(train.pixelsPerImage()))
                .addVertex(ImageTrainer.SCALED, new ScaleVertex(1.0 / 255), INPUT);
        String previous = ImageTrainer.SCALED;
        List<Layer> layers = new ArrayList<>(mlp.layers(train.height(), train.width(), train.numClasses()));
        for (Layer layer : layers) {
            g.addLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(train.numClasses())
                .activation(Activation.SOFTMAX).build(), previous).setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static ImageDataSetIterator batches(ImageDataset train, long seed) {
        return ImageDataSetIterator.builder(train).batchSize(BATCH).scaling(PixelScaling.RAW).shuffle(seed).build();
    }

    private static ImageDataSetIterator testBatches(ImageDataset test) {
        return ImageDataSetIterator.builder(test).batchSize(500).scaling(PixelScaling.RAW).build();
    }

    private static double runtimeAccuracy(ProjectionModel model, ImageDataset test) {
        Predictor predictor = model.predictor();
        float[] pixels = new float[test.pixelsPerImage()];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            test.copyPixels(i, pixels, 0, 1f);
            if (predictor.predict(pixels) == test.label(i)) {
                correct++;
            }
        }
        return correct / (double) test.size();
    }

    private static final class Options {
        Path data;
        Path out;
        int trainPerClass = 2000;
        int functions = 64;
        int bitsPerFunction = 16;
        long[] seeds = {42, 1, 2};
        double[] l2 = {0, 0.1, 0.5, 1};
        double[] tau = {1, 2, 4};
        int epochs = 5;
        int trainerEpochs = 5;

        static Options parse(String[] args) {
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("every option takes a value; " + args[args.length - 1]
                        + " has none");
            }
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                try {
                    o.set(args[i], args[i + 1]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException(args[i] + ": not a valid value: '" + args[i + 1] + "'");
                }
            }
            if (o.out == null) {
                throw new IllegalArgumentException("--out FILE.csv is required");
            }
            return o;
        }

        private void set(String name, String value) {
            switch (name) {
                case "--data": data = Paths.get(value); break;
                case "--out": out = Paths.get(value); break;
                case "--train-per-class": trainPerClass = Integer.parseInt(value); break;
                case "--bits":
                    String[] td = value.split(":");
                    functions = Integer.parseInt(td[0]);
                    bitsPerFunction = Integer.parseInt(td[1]);
                    break;
                case "--seeds": seeds = Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray(); break;
                case "--l2": l2 = doubles(value); break;
                case "--tau": tau = doubles(value); break;
                case "--epochs": epochs = Integer.parseInt(value); break;
                case "--trainer-epochs": trainerEpochs = Integer.parseInt(value); break;
                default: throw new IllegalArgumentException("unknown option " + name);
            }
        }

        private static double[] doubles(String value) {
            return Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        }
    }
}
