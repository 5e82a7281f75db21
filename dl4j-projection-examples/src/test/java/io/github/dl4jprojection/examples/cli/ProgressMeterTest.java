package io.github.dl4jprojection.examples.cli;

import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressMeterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final StringWriter text = new StringWriter();

    private ProgressMeter meter(boolean terminal, int epochs, int batches) {
        return new ProgressMeter(new PrintWriter(text, true), terminal, epochs, batches, clock::get);
    }

    /** Runs {@code epochs} epochs of {@code batches} batches of {@code secondsPerBatch}, loss = batch number. */
    private void train(ProgressMeter m, int firstEpoch, int epochs, int batches, long secondsPerBatch) {
        for (int e = firstEpoch; e < firstEpoch + epochs; e++) {
            m.epochStarted();
            for (int b = 1; b <= batches; b++) {
                clock.addAndGet(secondsPerBatch * SECOND);
                m.batchDone(e, b);
            }
            m.epochDone(e);
        }
    }

    @Test
    void logOutputHasAHeaderAndOneLinePerEpoch() {
        ProgressMeter m = meter(false, 2, 4);
        train(m, 0, 2, 4, 1);

        String[] lines = text.toString().split("\\R");
        assertEquals(3, lines.length, text.toString());
        assertEquals("Training: 2 epochs of 4 batches", lines[0]);
        // Mean loss of batches 1..4 is 2.5; after 4 of 8 batches in 4 s, 4 batches are left: ETA 4 s.
        assertEquals("Epoch 1/2 done in 4s: mean loss 2.5000, ETA 4s", lines[1]);
        assertEquals("Epoch 2/2 done in 4s: mean loss 2.5000, total 8s", lines[2]);
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void logOutputShowsProgressWithinLongEpochs() {
        ProgressMeter m = meter(false, 1, 10);
        train(m, 0, 1, 10, 10);

        String all = text.toString();
        assertTrue(all.startsWith("Training: 1 epoch of 10 batches"), all);
        assertTrue(all.contains("Epoch 1/1  batch 3/10  loss 3.0000  ETA 1m10s"), all);
        assertTrue(all.contains("Epoch 1/1  batch 6/10"), all);
        assertFalse(all.contains("batch 4/10"), "at most one line per " + ProgressMeter.HEARTBEAT_SECONDS + " s");
    }

    @Test
    void terminalOutputRedrawsOneLineAndKeepsEpochSummaries() {
        ProgressMeter m = meter(true, 2, 3);
        train(m, 0, 2, 3, 1);

        String all = text.toString();
        // Within the warm-up (less than 10 s measured, no epoch finished) no time is shown; after an epoch it is.
        assertTrue(all.contains("\rEpoch 1/2  batch 1/3  loss 1.0000  ETA " + ProgressMeter.NO_ESTIMATE), all);
        assertTrue(all.contains("\rEpoch 1/2  batch 2/3  loss 2.0000  ETA " + ProgressMeter.NO_ESTIMATE), all);
        assertTrue(all.contains("\rEpoch 1/2 done in 3s: mean loss 2.0000, ETA 3s"), all);
        assertTrue(all.contains("\rEpoch 2/2 done in 3s: mean loss 2.0000, total 6s"), all);
        assertEquals(2, all.split(System.lineSeparator()).length, "one kept line per epoch");
        assertFalse(all.contains("Training:"), "no header on a terminal");
    }

    @Test
    void resumedRunCountsEpochsFromTheCheckpoint() {
        ProgressMeter m = meter(false, 5, 2);
        train(m, 3, 1, 2, 1);
        assertTrue(text.toString().contains("Epoch 4/5 done in 2s: mean loss 1.5000, ETA 2s"), text.toString());
    }

    @Test
    void listenerFeedsTheModelScore() {
        ProgressMeter m = meter(false, 1, 2);
        ConsoleProgressListener listener = new ConsoleProgressListener(m);
        Model model = (Model) Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[] {Model.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("score")) {
                        return 0.25;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        listener.onEpochStart(model);
        clock.addAndGet(SECOND);
        listener.iterationDone(model, 0, 0);
        clock.addAndGet(SECOND);
        listener.iterationDone(model, 1, 0);
        listener.onEpochEnd(model);

        assertTrue(text.toString().contains("Epoch 1/1 done in 2s: mean loss 0.2500, total 2s"), text.toString());
    }

    /** A slow first epoch (warm-up) does not hold the estimate up once an epoch's worth of fast batches has run. */
    @Test
    void theEstimateFollowsTheLastEpochsPaceNotTheSlowStart() {
        ProgressMeter m = meter(false, 3, 4);
        train(m, 0, 1, 4, 100);
        train(m, 1, 1, 4, 1);

        // The mean since the start (404 s for 8 batches) would give 202 s for the 4 batches left; the last
        // epoch's pace (1 s per batch) gives 4 s.
        assertTrue(text.toString().contains("Epoch 2/3 done in 4s: mean loss 2.5000, ETA 4s"), text.toString());
    }

    /**
     * The first batch (set-up, JIT) is left out of the pace, and so is the pause between epochs (the test pass):
     * the estimate after the first epoch is the steady pace times the batches left, and "total" is training only.
     */
    @Test
    void theFirstBatchAndThePausesBetweenEpochsDoNotInflateTheEstimate() {
        ProgressMeter m = meter(false, 2, 5);
        m.epochStarted();
        clock.addAndGet(30 * SECOND);
        m.batchDone(0, 1);
        for (int b = 2; b <= 5; b++) {
            clock.addAndGet(2 * SECOND);
            m.batchDone(0, b);
        }
        m.epochDone(0);
        clock.addAndGet(60 * SECOND);
        train(m, 1, 1, 5, 2);

        String all = text.toString();
        // 5 batches left at 2 s (the 30 s first batch left out): 10 s, where the mean since the start says 38 s.
        assertTrue(all.contains("Epoch 1/2 done in 38s: mean loss 3.0000, ETA 10s"), all);
        // The 60 s pause is not training: 38 s + 10 s.
        assertTrue(all.contains("Epoch 2/2 done in 10s: mean loss 3.0000, total 48s"), all);
    }

    /**
     * Batches that speed up (the JIT): nothing is shown for the first 10 s after the first batch, then the pace of the
     * last 100 batches, not the mean since the start.
     */
    @Test
    void theEstimateWaitsForTheWarmUpThenFollowsTheRecentPace() {
        ProgressMeter m = meter(true, 1, 300);
        m.epochStarted();
        for (int b = 1; b <= 300; b++) {
            clock.addAndGet((b <= 150 ? 2 : 1) * SECOND);
            m.batchDone(0, b);
        }
        String all = text.toString();
        // Batches 2..5 are 8 s of measured time: still estimating; batch 6 makes 10 s: 294 batches at 2 s.
        assertTrue(all.contains("batch 5/300  loss 5.0000  ETA " + ProgressMeter.NO_ESTIMATE), all);
        assertTrue(all.contains("batch 6/300  loss 6.0000  ETA 9m48s"), all);
        // At batch 250 the last 100 batches took 1 s each: 50 s left (the mean since the start would say 1m15s).
        assertTrue(all.contains("batch 250/300  loss 250.0000  ETA 50s"), all);
    }

    @Test
    void aLongRunSaysOnceHowLongItTakesAndHowToShortenIt() {
        ProgressMeter m = meter(false, 10, 1000);
        train(m, 0, 1, 30, 1);
        String all = text.toString();
        assertTrue(all.contains("This run needs about 2h46m"), all);
        assertTrue(all.contains("fewer --epochs (now 10)"), all);
        assertEquals(all.indexOf("This run needs"), all.lastIndexOf("This run needs"), "said once: " + all);

        StringWriter quickText = new StringWriter();
        ProgressMeter shortRun = new ProgressMeter(new PrintWriter(quickText, true), false, 2, 20, clock::get);
        train(shortRun, 0, 2, 20, 1);
        assertFalse(quickText.toString().contains("This run needs"), "a short run says nothing: " + quickText);
    }
}
