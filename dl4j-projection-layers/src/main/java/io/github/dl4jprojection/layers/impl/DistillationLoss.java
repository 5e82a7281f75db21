package io.github.dl4jprojection.layers.impl;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The arithmetic of {@link io.github.dl4jprojection.layers.DistillationOutputLayer}: per-example loss and
 * its exact gradients, from the projection logits {@code zp [mb, K]}, trainer logits {@code zt [mb, K]}
 * and labels {@code y [mb, K]}. Log-probabilities come from a max-shifted log-sum-exp, so saturated
 * logits give finite losses instead of {@code 0 * log 0}. The inputs are never modified.
 */
final class DistillationLoss {

    private final double lambdaDistill;
    private final double lambdaLabels;
    private final double temperature;

    DistillationLoss(double lambdaDistill, double lambdaLabels, double temperature) {
        this.lambdaDistill = lambdaDistill;
        this.lambdaLabels = lambdaLabels;
        this.temperature = temperature;
    }

    /** {@code l2 tau^2 CE(softmax(zt/tau), softmax(zp/tau)) + l3 CE(y, softmax(zp))}, shape {@code [mb, 1]}. */
    INDArray perExample(INDArray zp, INDArray zt, INDArray y) {
        INDArray logPTau = logSoftmax(zp.div(temperature));
        INDArray qTau = Transforms.exp(logSoftmax(zt.div(temperature)), false);
        INDArray distill = qTau.muli(logPTau).sum(true, 1).muli(-lambdaDistill * temperature * temperature);
        INDArray labels = logSoftmax(zp).muli(y).sum(true, 1).muli(-lambdaLabels);
        return distill.addi(labels);
    }

    /** {@code d loss / d zp = l2 tau (softmax(zp/tau) - softmax(zt/tau)) + l3 (softmax(zp) sum(y) - y)}. */
    INDArray gradientProjection(INDArray zp, INDArray zt, INDArray y) {
        INDArray pTau = Transforms.exp(logSoftmax(zp.div(temperature)), false);
        INDArray qTau = Transforms.exp(logSoftmax(zt.div(temperature)), false);
        INDArray distill = pTau.subi(qTau).muli(lambdaDistill * temperature);
        INDArray p = Transforms.exp(logSoftmax(zp), false);
        INDArray labels = p.muliColumnVector(y.sum(true, 1)).subi(y).muli(lambdaLabels);
        return distill.addi(labels);
    }

    /**
     * {@code d loss / d zt = l2 tau q (sum_k q_k log p_k - log p)} with {@code q = softmax(zt/tau)},
     * {@code p = softmax(zp/tau)}: the distillation cross-entropy differentiated through the soft targets.
     */
    INDArray gradientTrainer(INDArray zp, INDArray zt) {
        INDArray logPTau = logSoftmax(zp.div(temperature));
        INDArray qTau = Transforms.exp(logSoftmax(zt.div(temperature)), false);
        INDArray expected = qTau.mul(logPTau).sum(true, 1);
        return logPTau.rsubiColumnVector(expected).muli(qTau).muli(lambdaDistill * temperature);
    }

    /** Row-wise {@code z - logsumexp(z)}, as a new array. */
    static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSumExp);
    }
}
