package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A list of labelled texts encoded once for joint training: per text the trainer's row ({@link TrainerInput}:
 * a sparse hashed bag, or token ids) and the projection input of the runtime's reference code
 * ({@link TextProjectionInput}: the text's bits or its tokens' bits, kept packed, or its sparse count sketch), so
 * an epoch costs no featurization. {@link #batch} expands rows into the graph inputs {@code [trainer features, projection input]},
 * their masks (or nulls) and one-hot labels {@code [mb, K]}.
 *
 * @param <R> the trainer's encoded form of one text
 */
final class EncodedTexts<R> {

    private final TrainerInput<R> input;
    private final List<R> rows;
    private final TextProjectionInput projection;
    private final long[][] bits;
    private final int[] labels;
    private final int numClasses;

    EncodedTexts(List<LabeledText> texts, TrainTestTexts data, TrainerInput<R> input, TextProjectionInput projection) {
        int n = texts.size();
        this.input = input;
        this.projection = projection;
        rows = new ArrayList<>(n);
        bits = new long[n][];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            LabeledText t = texts.get(i);
            rows.add(input.encode(t.text()));
            bits[i] = projection.encode(t.text());
            labels[i] = data.labelIndex(t);
        }
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
        List<long[]> packed = new ArrayList<>(mb);
        float[][] y = new float[mb][numClasses];
        for (int r = 0; r < mb; r++) {
            int i = order[from + r];
            selected.add(rows.get(i));
            packed.add(bits[i]);
            y[r][labels[i]] = 1f;
        }
        TrainerInput.Features x = input.batch(selected);
        INDArray[] projected = projection.inputAndMask(packed);
        return new Batch(x.values, x.mask, projected[0], projected[1], Nd4j.create(y));
    }

    /** One minibatch as ND4J arrays. */
    static final class Batch {
        final INDArray features;
        final INDArray featuresMask;
        final INDArray bits;
        /** The projection input's mask (token padding of a sequence model), or null. */
        final INDArray bitsMask;
        final INDArray labels;

        Batch(INDArray features, INDArray featuresMask, INDArray bits, INDArray bitsMask, INDArray labels) {
            this.features = features;
            this.featuresMask = featuresMask;
            this.bits = bits;
            this.bitsMask = bitsMask;
            this.labels = labels;
        }
    }
}
