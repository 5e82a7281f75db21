package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.internal.text.TextProjectionScratch;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A list of labelled texts encoded once for joint training: per text the trainer's row ({@link TrainerInput}:
 * a sparse hashed bag, or token ids) and the projection bits of the runtime's {@link TextProjection} (kept
 * packed), so an epoch costs no featurization. {@link #batch} expands rows into the graph inputs
 * {@code [trainer features, bits [mb, T*d] as 0/1]}, the trainer's feature mask (or null) and one-hot labels
 * {@code [mb, K]}.
 *
 * @param <R> the trainer's encoded form of one text
 */
final class EncodedTexts<R> {

    private final TrainerInput<R> input;
    private final List<R> rows;
    private final long[][] bits;
    private final int[] labels;
    private final int numBits;
    private final int numClasses;

    EncodedTexts(List<LabeledText> texts, TrainTestTexts data, TrainerInput<R> input, TextProjection projection) {
        int n = texts.size();
        this.input = input;
        rows = new ArrayList<>(n);
        bits = new long[n][projection.numWords()];
        labels = new int[n];
        TextProjectionScratch scratch = projection.newScratch();
        for (int i = 0; i < n; i++) {
            LabeledText t = texts.get(i);
            rows.add(input.encode(t.text()));
            projection.project(t.text(), scratch, bits[i]);
            labels[i] = data.labelIndex(t);
        }
        numBits = projection.numBits();
        numClasses = data.labelNames().size();
    }

    int size() {
        return labels.length;
    }

    int label(int i) {
        return labels[i];
    }

    int[] labels() {
        return labels.clone();
    }

    /** Graph inputs and labels of the given rows, in that order. */
    Batch batch(int[] order, int from, int to) {
        int mb = to - from;
        List<R> selected = new ArrayList<>(mb);
        float[][] b = new float[mb][numBits];
        float[][] y = new float[mb][numClasses];
        for (int r = 0; r < mb; r++) {
            int i = order[from + r];
            selected.add(rows.get(i));
            PackedBits.unpack(bits[i], numBits, BitEncoding.ZERO_ONE, b[r], 0);
            y[r][labels[i]] = 1f;
        }
        TrainerInput.Features x = input.batch(selected);
        return new Batch(x.values, x.mask, Nd4j.create(b), Nd4j.create(y));
    }

    /** One minibatch as ND4J arrays. */
    static final class Batch {
        final INDArray features;
        final INDArray featuresMask;
        final INDArray bits;
        final INDArray labels;

        Batch(INDArray features, INDArray featuresMask, INDArray bits, INDArray labels) {
            this.features = features;
            this.featuresMask = featuresMask;
            this.bits = bits;
            this.labels = labels;
        }
    }
}
