package io.github.dl4jprojection.pipeline.study;

/**
 * A baseline (MLP or small CNN) run in plain Java on one example at a time, as a device would run it: the study
 * measures its accuracy and time per example with this, and counts its bytes and multiply-accumulates. One
 * instance per thread (it owns its scratch buffers).
 */
interface JavaBaseline {

    /** The predicted class of {@code x} (the baseline's input width). */
    int classify(float[] x);

    /** Multiply-accumulates of one example (weights times inputs, zero inputs included). */
    long macs();

    /** Bytes of the weights and biases as the format's dense sections store them (no file overhead). */
    long storedBytes();

    /** The predicted class: the first index of the largest of {@code z[0, n)}. */
    static int argmax(float[] z, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }
}
