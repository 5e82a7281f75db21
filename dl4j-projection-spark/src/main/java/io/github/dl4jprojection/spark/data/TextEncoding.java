package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.pipeline.HashedBagOfWords;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.TextProjection;
import io.github.dl4jprojection.runtime.text.TextProjectionScratch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a labelled text becomes one row of the text joint graph's inputs, the same on every worker as in
 * single-machine training ({@code TextJointTraining}): the trainer's hashed bag of words
 * ({@link HashedBagOfWords}, B buckets) and the runtime's {@link TextProjection} bits (T x d, as 0/1), with the
 * one-hot label. Serializable: it travels to the workers as the featurizer's settings, the projection spec and the
 * label names, and rebuilds the runtime objects there on first use.
 */
public final class TextEncoding implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> featurizerSettings;
    private final int numFunctions;
    private final int bitsPerFunction;
    private final long seed;
    private final double density;
    private final int buckets;
    private final ArrayList<String> labelNames;

    private transient TextProjection projection;
    private transient TextProjectionScratch scratch;
    private transient HashedBagOfWords bag;
    private transient Map<String, Integer> labelIndex;

    /**
     * @param featurizer the text featurizer of the projection (stored in the exported model)
     * @param spec       the projection: T, d, seed, density
     * @param buckets    B, the trainer's input width
     * @param labelNames class names in class-index order
     * @throws IllegalArgumentException naming a null or empty argument, or {@code buckets} below 1
     */
    public TextEncoding(FeaturizerConfig featurizer, ProjectionSpec spec, int buckets, List<String> labelNames) {
        if (featurizer == null || spec == null) {
            throw new IllegalArgumentException((featurizer == null ? "featurizer" : "spec") + " must not be null");
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        if (labelNames == null || labelNames.size() < 2) {
            throw new IllegalArgumentException("labelNames must hold at least 2 classes, got " + labelNames);
        }
        this.featurizerSettings = new HashMap<>(featurizer.toSettings());
        this.numFunctions = spec.numFunctions();
        this.bitsPerFunction = spec.bitsPerFunction();
        this.seed = spec.seed();
        this.density = spec.density();
        this.buckets = buckets;
        this.labelNames = new ArrayList<>(labelNames);
    }

    /** The projection spec. */
    public ProjectionSpec spec() {
        return ProjectionSpec.builder().numFunctions(numFunctions).bitsPerFunction(bitsPerFunction).seed(seed)
                .density(density).build();
    }

    /** The featurizer of the projection. */
    public FeaturizerConfig featurizer() {
        return FeaturizerConfig.fromSettings(featurizerSettings);
    }

    /** Class names in class-index order. */
    public List<String> labelNames() {
        return new ArrayList<>(labelNames);
    }

    /** B, the trainer's input width. */
    public int buckets() {
        return buckets;
    }

    /** Class index of {@code label}, or -1 when it is not one of the classes. */
    public int labelIndex(String label) {
        prepare();
        Integer k = labelIndex.get(label);
        return k == null ? -1 : k;
    }

    /**
     * Writes one text's row: the bag into {@code bag[0..B)}, the 0/1 bits into {@code bits[0..T*d)}.
     * {@code bag} must be all zeros on entry.
     */
    public void encode(String text, float[] bagRow, float[] bitsRow) {
        prepare();
        bag.encode(text).addTo(bagRow);
        long[] words = new long[projection.numWords()];
        projection.project(text, scratch, words);
        PackedBits.unpack(words, projection.numBits(), BitEncoding.ZERO_ONE, bitsRow, 0);
    }

    /**
     * The joint graph's minibatch of {@code texts} with class indices {@code labels}: features
     * {@code [bag [mb, B], bits [mb, T*d]]}, labels {@code [one-hot, one-hot]} (trainer and projection outputs).
     */
    public MultiDataSet batch(List<String> texts, int[] labels) {
        prepare();
        int mb = texts.size();
        float[][] x = new float[mb][buckets];
        float[][] b = new float[mb][projection.numBits()];
        float[][] y = new float[mb][labelNames.size()];
        for (int r = 0; r < mb; r++) {
            encode(texts.get(r), x[r], b[r]);
            y[r][labels[r]] = 1f;
        }
        return new MultiDataSet(new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(x), Nd4j.create(b)},
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(y), Nd4j.create(y)});
    }

    private void prepare() {
        if (projection != null) {
            return;
        }
        FeaturizerConfig config = featurizer();
        projection = new TextProjection(config, spec());
        scratch = projection.newScratch();
        bag = new HashedBagOfWords(new TextFeaturizer(config), buckets);
        labelIndex = new HashMap<>();
        for (int k = 0; k < labelNames.size(); k++) {
            labelIndex.put(labelNames.get(k), k);
        }
    }
}
