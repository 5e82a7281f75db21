package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An exported text model loaded into the ND4J-free runtime, with one {@link TextPredictor}: the model file's
 * own featurizer section turns raw text into the projection's input. One instance per thread.
 */
public final class TextRuntimeModel {

    private final ProjectionModel model;
    private final TextPredictor predictor;

    private TextRuntimeModel(ProjectionModel model) {
        this.model = model;
        this.predictor = TextPredictor.of(model);
    }

    /**
     * Loads a text model.
     *
     * @throws IncompatibleModelException when the file holds an image (dense input) model
     * @throws IOException                when the file is missing or not a valid model file
     */
    public static TextRuntimeModel load(Path file) throws IOException {
        ProjectionModel model = ProjectionModel.load(file);
        if (model.input().kind() != InputKind.FEATURES) {
            throw new IncompatibleModelException(file + " is an image model, not a text model: pass --image FILE");
        }
        return new TextRuntimeModel(model);
    }

    /** T*d, the projection's bits (per token for a sequence model; B, the buckets, for a sketch model). */
    public int projectionBits() {
        return model.projectionSpec().numBits();
    }

    /** Whether the model is a count-sketch model ({@code --model sketch}), whose input is B buckets, not bits. */
    public boolean sketch() {
        return model.family() == ModelFamily.SKETCH;
    }

    /** Weights and biases of the projection network's dense layers. */
    public long parameterCount() {
        return model.numParameters();
    }

    /** Class names, indexed by class. */
    public List<String> labelNames() {
        return model.labels();
    }

    /**
     * Classifies one text.
     *
     * @param probabilities receives one probability per class
     * @return the predicted class
     * @throws IllegalArgumentException when {@code text} is null or {@code probabilities} too short
     */
    public int scores(String text, float[] probabilities) {
        return predictor.scores(text, probabilities);
    }

    /**
     * Runs the model over labelled texts: accuracy, agreement with {@code reference} (the DL4J projection
     * network's classes, or {@code null}), mean time per text (after one untimed pass, for the JIT) and the
     * confusion matrix.
     *
     * @param labels the true class of each text, in order, each an index of {@link #labelNames()}
     * @throws IllegalArgumentException when the arrays do not have one entry per text, or a label is not a class
     */
    public RuntimeEvaluation evaluate(List<LabeledText> texts, int[] labels, int[] reference) {
        int n = texts.size();
        if (labels.length != n || (reference != null && reference.length != n)) {
            throw new IllegalArgumentException("labels and reference must have one entry per text (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= model.numLabels()) {
                throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + ", not a class of the model's "
                        + model.labels());
            }
        }
        float[] p = new float[model.numLabels()];
        for (LabeledText t : texts) {
            predictor.scores(t.text(), p);
        }
        int correct = 0;
        int agree = 0;
        long nanos = 0;
        int[][] confusion = new int[p.length][p.length];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            int predicted = predictor.scores(texts.get(i).text(), p);
            nanos += System.nanoTime() - t0;
            correct += predicted == labels[i] ? 1 : 0;
            agree += reference != null && predicted == reference[i] ? 1 : 0;
            confusion[labels[i]][predicted]++;
        }
        return new RuntimeEvaluation(n, n == 0 ? Double.NaN : (double) correct / n,
                reference == null || n == 0 ? Double.NaN : (double) agree / n, n == 0 ? Double.NaN : (double) nanos / n,
                model.labels(), confusion);
    }
}
