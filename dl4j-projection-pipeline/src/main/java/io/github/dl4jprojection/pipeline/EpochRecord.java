package io.github.dl4jprojection.pipeline;

import java.util.Locale;

/**
 * The figures of one finished training epoch, as {@link TrainingPipeline} records them after fitting it: the epoch
 * (1-based), the mean of the joint graph's score over the epoch's minibatches (the combined loss
 * {@code L = l1 * CE(trainer, labels) + l2 * CE(projection, soft targets) + l3 * CE(projection, labels)} plus any
 * regularization, in nats), both branches' accuracy on the test split after the epoch, and the seconds spent fitting
 * it (the test evaluation and the checkpoint not included). Immutable.
 */
public final class EpochRecord {

    private final int epoch;
    private final double meanLoss;
    private final double trainerAccuracy;
    private final double projectionAccuracy;
    private final double seconds;

    /**
     * @param epoch              the epoch, from 1
     * @param meanLoss           mean minibatch loss, or NaN when no score was reported (a Spark backend, whose
     *                           workers do not call the driver's listeners)
     * @param trainerAccuracy    the trainer's test accuracy after the epoch, in [0, 1]
     * @param projectionAccuracy the DL4J projection network's test accuracy after the epoch, in [0, 1]
     * @param seconds            seconds spent fitting the epoch, {@code >= 0}
     * @throws IllegalArgumentException naming the value out of range
     */
    public EpochRecord(int epoch, double meanLoss, double trainerAccuracy, double projectionAccuracy, double seconds) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be 1 or more, got " + epoch);
        }
        requireFraction("trainerAccuracy", trainerAccuracy);
        requireFraction("projectionAccuracy", projectionAccuracy);
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
        this.epoch = epoch;
        this.meanLoss = meanLoss;
        this.trainerAccuracy = trainerAccuracy;
        this.projectionAccuracy = projectionAccuracy;
        this.seconds = seconds;
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** Mean training loss over the epoch's minibatches (nats); NaN when not measured. */
    public double meanLoss() {
        return meanLoss;
    }

    /** True when {@link #meanLoss()} was measured. */
    public boolean hasMeanLoss() {
        return !Double.isNaN(meanLoss);
    }

    /** The trainer network's test accuracy after this epoch, in [0, 1]. */
    public double trainerAccuracy() {
        return trainerAccuracy;
    }

    /** The DL4J projection network's test accuracy after this epoch, in [0, 1]. */
    public double projectionAccuracy() {
        return projectionAccuracy;
    }

    /** Seconds spent fitting this epoch. */
    public double seconds() {
        return seconds;
    }

    /** One line "epoch,meanLoss,trainerAccuracy,projectionAccuracy,seconds", read back by {@link #parse}. */
    String toLine() {
        return epoch + "," + meanLoss + "," + trainerAccuracy + "," + projectionAccuracy + "," + seconds;
    }

    /**
     * The record of a {@link #toLine()} line.
     *
     * @throws IllegalArgumentException when {@code line} is not such a line
     */
    static EpochRecord parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("an epoch record has 5 comma-separated values, got '" + line + "'");
        }
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d: loss %.4f, trainer %.4f, projection %.4f, %.1f s", epoch,
                meanLoss, trainerAccuracy, projectionAccuracy, seconds);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
