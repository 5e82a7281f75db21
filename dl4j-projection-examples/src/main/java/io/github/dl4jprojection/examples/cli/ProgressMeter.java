package io.github.dl4jprojection.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows training progress: epoch, batch, loss and the estimated time left.
 *
 * <p>On a terminal one status line is redrawn in place (carriage return, at most every
 * {@value #REDRAW_MILLIS} ms) and a summary line is kept per epoch. Elsewhere (a log file, CI) it
 * prints a header, one line per finished epoch, and a line every {@value #HEARTBEAT_SECONDS} s
 * within long epochs, so a log shows progress without thousands of lines.
 *
 * <p>ETA = time per batch * batches left, the training time left (the evaluation after each epoch is not in it,
 * as it is not in the "Training time" of the result). The time per batch is the mean fitting time of the last
 * {@code min(batchesPerEpoch, }{@value #WINDOW}{@code )} batches, where a batch's fitting time runs from the end of
 * the previous batch, or from the start of its epoch for an epoch's first batch: the pause between epochs (the test
 * pass) is not counted as training. The first batch this meter sees is left out (one-off set-up: ND4J workspaces,
 * the first minibatch), and no time is shown ({@value #NO_ESTIMATE}) until {@value #WARMUP_SECONDS} s of batches
 * after it, or a whole epoch, have been measured: in the demo (MLP trainer, 5 epochs of 938 batches, 2 minutes) the
 * JIT makes the first few hundred batches slower than the rest, and the mean since the start showed 4.3x the real
 * time left at the second batch, 1.9x at the 16th and still 1.4x at the 186th (7 s in), while the pace of the last
 * {@value #WINDOW} batches, from {@value #WARMUP_SECONDS} s on, was within 6 % of it at most times and 18 % at worst
 * (docs/RESULTS.md, the demo).
 */
final class ProgressMeter {

    static final long REDRAW_MILLIS = 100;
    static final long HEARTBEAT_SECONDS = 30;
    /** Batches whose mean fitting time is the pace: recent enough to follow the JIT's speed-up. */
    static final int WINDOW = 100;
    /** Measured fitting time before a time left is shown (unless an epoch has finished). */
    static final long WARMUP_SECONDS = 10;
    /** Shown instead of a time left during the warm-up. */
    static final String NO_ESTIMATE = "estimating";
    /** A run whose first estimate exceeds this says once how long it will take and how to shorten it. */
    static final long LONG_RUN_SECONDS = 10 * 60;

    private final PrintWriter out;
    private final boolean terminal;
    private final int totalEpochs;
    private final int batchesPerEpoch;
    private final LongSupplier nanoClock;
    /** Fitting times of the last measured batches, a ring: the k-th measured batch at {@code [k % length]}. */
    private final long[] batchNanos;

    private long startNanos = -1;
    /** Sum of the finished epochs' times, start to last batch: the pauses between epochs are not training. */
    private long trainedNanos;
    private long lastDrawNanos;
    private long lastHeartbeatNanos;
    private long epochStartNanos;
    /** When the last batch ended, or the current epoch started if later: where the next batch's fitting began. */
    private long fitFromNanos;
    private long batchesDone;
    /** Batches whose fitting time is in the estimate (every one after the first). */
    private long measured;
    private long windowSum;
    /** Fitting time of every measured batch, for the warm-up rule. */
    private long measuredNanos;
    private boolean epochFinished;
    private int epoch = -1;
    private boolean epochOpen;
    private int batchInEpoch;
    private double epochLossSum;
    private int epochLossCount;
    private int drawnLength;
    private boolean lengthAnnounced;

    /**
     * @param terminal        redraw one line in place (true) or print occasional lines (false)
     * @param totalEpochs     epochs of the whole run (0-based epoch numbers count up to it)
     * @param batchesPerEpoch minibatches per epoch
     * @param nanoClock       the time source, {@code System::nanoTime} outside tests
     */
    ProgressMeter(PrintWriter out, boolean terminal, int totalEpochs, int batchesPerEpoch, LongSupplier nanoClock) {
        if (totalEpochs < 1 || batchesPerEpoch < 1) {
            throw new IllegalArgumentException("totalEpochs and batchesPerEpoch must be at least 1, got "
                    + totalEpochs + " and " + batchesPerEpoch);
        }
        this.out = out;
        this.terminal = terminal;
        this.totalEpochs = totalEpochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.nanoClock = nanoClock;
        this.batchNanos = new long[Math.min(batchesPerEpoch, WINDOW)];
    }

    /** An epoch begins (its number is learnt from its first batch). */
    void epochStarted() {
        long now = nanoClock.getAsLong();
        openEpoch(now);
        fitFromNanos = now;
    }

    /** A minibatch of epoch {@code epochIndex} (0-based) finished with this loss. */
    void batchDone(int epochIndex, double loss) {
        long now = nanoClock.getAsLong();
        if (!epochOpen || (batchInEpoch > 0 && epochIndex != epoch)) {
            // The trainer did not announce the epoch: count it from here.
            openEpoch(now);
        }
        epoch = epochIndex;
        batchInEpoch++;
        batchesDone++;
        if (batchesDone > 1) {
            int slot = (int) (measured % batchNanos.length);
            windowSum += (now - fitFromNanos) - batchNanos[slot];
            batchNanos[slot] = now - fitFromNanos;
            measuredNanos += now - fitFromNanos;
            measured++;
        }
        fitFromNanos = now;
        if (!Double.isNaN(loss)) {
            epochLossSum += loss;
            epochLossCount++;
        }
        announceLongRun();
        String status = String.format(Locale.ROOT, "Epoch %d/%d  batch %d/%d  loss %s  ETA %s", epoch + 1, totalEpochs,
                batchInEpoch, batchesPerEpoch, formatLoss(loss), eta());
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000L || batchInEpoch == batchesPerEpoch) {
                draw(status);
                lastDrawNanos = now;
            }
        } else if (now - lastHeartbeatNanos >= HEARTBEAT_SECONDS * 1_000_000_000L) {
            out.println(status);
            out.flush();
            lastHeartbeatNanos = now;
        }
    }

    private void openEpoch(long now) {
        if (startNanos < 0) {
            startNanos = now;
            lastHeartbeatNanos = now;
            lastDrawNanos = now - REDRAW_MILLIS * 1_000_000L;
            if (!terminal) {
                out.printf("Training: %d epoch%s of %d batches%n", totalEpochs, totalEpochs == 1 ? "" : "s",
                        batchesPerEpoch);
                out.flush();
            }
        }
        epochOpen = true;
        epochStartNanos = now;
        batchInEpoch = 0;
        epochLossSum = 0;
        epochLossCount = 0;
    }

    /** Epoch {@code epochIndex} (0-based) finished. */
    void epochDone(int epochIndex) {
        if (!epochOpen || batchInEpoch == 0 || epochIndex != epoch) {
            return;
        }
        epochOpen = false;
        long now = nanoClock.getAsLong();
        trainedNanos += now - epochStartNanos;
        epochFinished = true;
        String summary = String.format(Locale.ROOT, "Epoch %d/%d done in %s: mean loss %s, %s", epoch + 1, totalEpochs,
                Durations.format(now - epochStartNanos),
                formatLoss(epochLossCount == 0 ? Double.NaN : epochLossSum / epochLossCount),
                epoch + 1 >= totalEpochs ? "total " + Durations.format(trainedNanos)
                        : "ETA " + eta());
        if (terminal) {
            draw(summary);
            out.println();
            drawnLength = 0;
        } else {
            out.println(summary);
        }
        out.flush();
        lastHeartbeatNanos = now;
    }

    /** The training time left, or {@value #NO_ESTIMATE} during the warm-up. */
    private String eta() {
        long left = nanosLeft();
        return left < 0 ? NO_ESTIMATE : Durations.format(left);
    }

    /** The estimated training time left in nanoseconds, or -1 during the warm-up. */
    private long nanosLeft() {
        if (measured == 0 || (!epochFinished && measuredNanos < WARMUP_SECONDS * 1_000_000_000L)) {
            return -1;
        }
        long left = (long) Math.max(0, totalEpochs - epoch - 1) * batchesPerEpoch
                + Math.max(0, batchesPerEpoch - batchInEpoch);
        double perBatch = (double) windowSum / Math.min(measured, batchNanos.length);
        return (long) (perBatch * left);
    }

    /**
     * Once, when the first estimate is known: a run of more than {@value #LONG_RUN_SECONDS} s left says so and how
     * to make it shorter, so a plain {@code train} on a full data set does not run for hours without a word.
     */
    private void announceLongRun() {
        long left = nanosLeft();
        if (lengthAnnounced || left < 0) {
            return;
        }
        lengthAnnounced = true;
        if (left <= LONG_RUN_SECONDS * 1_000_000_000L) {
            return;
        }
        String line = String.format(Locale.ROOT, "This run needs about %s more of training: fewer --epochs (now %d) "
                + "or fewer training examples (--train-per-class N for images) make it shorter.",
                Durations.format(left), totalEpochs);
        if (terminal) {
            draw(line);
            out.println();
            drawnLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Overwrites the current terminal line; trailing spaces erase the rest of a longer previous line. */
    private void draw(String line) {
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnLength; i++) {
            sb.append(' ');
        }
        out.print(sb);
        out.flush();
        drawnLength = line.length();
    }

    private static String formatLoss(double loss) {
        return Double.isNaN(loss) ? "NaN" : String.format(Locale.ROOT, "%.4f", loss);
    }
}
