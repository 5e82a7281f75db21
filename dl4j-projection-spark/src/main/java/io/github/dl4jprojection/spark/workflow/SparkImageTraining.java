package io.github.dl4jprojection.spark.workflow;

import io.github.dl4jprojection.data.ImageDataSetIterator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.PixelScaling;
import io.github.dl4jprojection.pipeline.ImageJointTraining;
import io.github.dl4jprojection.pipeline.TrainerKind;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.spark.SparkJointTrainer;
import io.github.dl4jprojection.spark.data.ImageBatches;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * An image task on Spark: IDX files (MNIST naming, optionally .gz) from a Hadoop folder, the examples module's
 * image joint model ({@link ImageJointTraining#model}) trained with the settings' training master, evaluated on the
 * test images, exported, and the export compared with DL4J on every test image.
 */
public final class SparkImageTraining {

    private static final int EVAL_BATCH = 500;

    private SparkImageTraining() {
    }

    /**
     * @param folder  Hadoop path of a folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     *                {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz})
     * @param task    names the classes
     * @param trainer the trainer network
     * @throws IOException a {@code DataNotFoundException} or {@code DataFileException} naming the file
     */
    public static SparkTrainingResult run(JavaSparkContext sc, String folder, ImageTask task, TrainerKind trainer,
                                          SparkTrainingSettings settings) throws IOException {
        Configuration conf = sc.hadoopConfiguration();
        ImageDataset train = ImageBatches.readIdx(conf, idx(conf, folder, "train-images-idx3-ubyte"),
                idx(conf, folder, "train-labels-idx1-ubyte"), task.labelNames(), task.cliName() + " training images");
        ImageDataset test = ImageBatches.readIdx(conf, idx(conf, folder, "t10k-images-idx3-ubyte"),
                idx(conf, folder, "t10k-labels-idx1-ubyte"), task.labelNames(), task.cliName() + " test images");
        JointProjectionModel joint = ImageJointTraining.model(trainer, train.height(), train.width(),
                train.labelNames(), settings.bits(), settings.density(), settings.hiddenLayers(),
                settings.lossWeights(), settings.seed());
        int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();

        SparkJointTrainer sparkTrainer = new SparkJointTrainer(sc, joint, settings.trainingMaster());
        long start = System.nanoTime();
        sparkTrainer.fit(ImageBatches.batches(sc, train, settings.batchSize(), partitions, settings.seed()),
                settings.epochs());
        double seconds = (System.nanoTime() - start) / 1e9;

        JointEvaluation evaluation = joint.evaluate(ImageDataSetIterator.builder(test).batchSize(EVAL_BATCH)
                .scaling(PixelScaling.RAW).build());
        ProjectionModel model = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(train.labelNames())
                .input(InputSpec.image(train.height(), train.width(), 1))
                .provenance(ProvenanceKeys.TRAINING_DATA, task.cliName() + " (Spark): " + folder + ", "
                        + train.size() + " training images")
                .export();
        float[][] pixels = new float[test.size()][test.pixelsPerImage()];
        for (int i = 0; i < pixels.length; i++) {
            test.copyPixels(i, pixels[i], 0, 1f);
        }
        ExportComparison comparison = ExportComparison.dense(joint.graph(), joint.projectionOutputName(), model,
                pixels, test.labels());
        ModelWriter.write(comparison.recordIn(model, task.cliName() + " (Spark): " + test.size() + " test images"),
                settings.modelFile());
        return new SparkTrainingResult(train.size(), settings.epochs(), seconds, evaluation.trainer().accuracy(),
                evaluation.projection().accuracy(), model.numParameters(), comparison);
    }

    /** The file {@code name} or {@code name.gz} in {@code folder}; the plain name when neither exists. */
    private static String idx(Configuration conf, String folder, String name) throws IOException {
        Path plain = new Path(folder, name);
        Path gz = new Path(folder, name + ".gz");
        return !plain.getFileSystem(conf).exists(plain) && gz.getFileSystem(conf).exists(gz) ? gz.toString()
                : plain.toString();
    }
}
