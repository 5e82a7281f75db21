package io.github.dl4jprojection.layers.joint;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic classification data: Gaussian blobs around fixed class centres (the same centres for every
 * sample seed, so a training and a test set drawn with different seeds are one problem).
 */
final class Blobs {

    private final int dims;
    private final int classes;
    private final double[][] centres;

    /** Centres with coordinates uniform in [-spread, spread]. */
    Blobs(int dims, int classes, double spread) {
        this.dims = dims;
        this.classes = classes;
        this.centres = new double[classes][dims];
        Random random = new Random(20240607L);
        for (double[] c : centres) {
            for (int j = 0; j < dims; j++) {
                c[j] = (2 * random.nextDouble() - 1) * spread;
            }
        }
    }

    /** {@code n} examples with unit-variance noise, one-hot labels, in the given data type. */
    DataSet sample(int n, long seed, DataType dataType) {
        Random random = new Random(seed);
        double[][] x = new double[n][dims];
        double[][] y = new double[n][classes];
        for (int i = 0; i < n; i++) {
            int label = i % classes;
            y[i][label] = 1;
            for (int j = 0; j < dims; j++) {
                x[i][j] = centres[label][j] + random.nextGaussian();
            }
        }
        INDArray features = Nd4j.create(x).castTo(dataType);
        INDArray labels = Nd4j.create(y).castTo(dataType);
        return new DataSet(features, labels);
    }

    static DataSetIterator iterator(DataSet data, int batchSize) {
        return new ViewIterator(data, batchSize);
    }
}
