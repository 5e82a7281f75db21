package io.github.dl4jprojection.pipeline;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Collects the joint graph's score ({@code model.score()}: the combined loss of the minibatch just fitted) after
 * every iteration, for the epoch's mean loss in an {@link EpochRecord}. Synchronized because DL4J's
 * {@code ParallelWrapper} calls its listeners from its worker threads.
 */
final class EpochLossListener extends BaseTrainingListener {

    private double sum;
    private long count;

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        sum += model.score();
        count++;
    }

    /** The mean score since the last call (NaN when no iteration reported one), and starts a new epoch. */
    synchronized double takeMean() {
        double mean = count == 0 ? Double.NaN : sum / count;
        sum = 0;
        count = 0;
        return mean;
    }
}
