package io.github.dl4jprojection.layers.impl;

/**
 * Plain-Java double-precision reference of the distillation loss, written independently of the ND4J
 * implementation: {@code l2 tau^2 CE(softmax(zt/tau), softmax(zp/tau)) + l3 CE(y, softmax(zp))}.
 */
public final class DistillationReference {

    private DistillationReference() {
    }

    /** Cross-entropy {@code -sum_k target_k log softmax(logits / tau)_k}. */
    public static double crossEntropy(double[] target, double[] logits, double tau) {
        double[] logProbabilities = logSoftmax(logits, tau);
        double sum = 0;
        for (int k = 0; k < target.length; k++) {
            sum -= target[k] * logProbabilities[k];
        }
        return sum;
    }

    /** {@code softmax(logits / tau)}. */
    public static double[] softmax(double[] logits, double tau) {
        double[] out = logSoftmax(logits, tau);
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.exp(out[k]);
        }
        return out;
    }

    /** The loss of one example. */
    public static double loss(double[] zp, double[] zt, double[] y, double l2, double l3, double tau) {
        return l2 * tau * tau * crossEntropy(softmax(zt, tau), zp, tau) + l3 * crossEntropy(y, zp, 1.0);
    }

    private static double[] logSoftmax(double[] logits, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z / tau);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z / tau - max);
        }
        double logSum = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = logits[k] / tau - logSum;
        }
        return out;
    }
}
