package io.github.dl4jprojection.examples.cli;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.PrintWriter;

/**
 * A DL4J training listener that shows epoch, batch, loss ({@code model.score()}, for a joint graph
 * the combined loss) and time left; see {@link ProgressMeter} for terminal and log output.
 */
public final class ConsoleProgressListener extends BaseTrainingListener {

    private final ProgressMeter meter;
    private int epoch = -1;

    /**
     * @param out             where to print
     * @param terminal        {@code System.console() != null}: redraw one line in place
     * @param totalEpochs     epochs of the whole run
     * @param batchesPerEpoch minibatches per epoch
     */
    public ConsoleProgressListener(PrintWriter out, boolean terminal, int totalEpochs, int batchesPerEpoch) {
        this(new ProgressMeter(out, terminal, totalEpochs, batchesPerEpoch, System::nanoTime));
    }

    ConsoleProgressListener(ProgressMeter meter) {
        this.meter = meter;
    }

    @Override
    public synchronized void onEpochStart(Model model) {
        meter.epochStarted();
    }

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        this.epoch = epoch;
        meter.batchDone(epoch, model.score());
    }

    @Override
    public synchronized void onEpochEnd(Model model) {
        if (epoch >= 0) {
            meter.epochDone(epoch);
        }
    }
}
