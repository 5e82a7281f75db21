package io.github.dl4jprojection.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.FeatureBag;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextPredictorTest {

    private static final FeaturizerConfig CONFIG = FeaturizerConfig.builder().charNgrams(3, 3).hashSeed(11).build();
    private static final ProjectionSpec SPEC =
            ProjectionSpec.builder().numFunctions(12).bitsPerFunction(8).seed(5).density(0.25).build();
    private static final String[] TEXTS = {
        "FREE money!!! Click here now", "Shall we meet for lunch on Friday?", "", "   ",
        "Привет, как дела? \uD83D\uDE00", "winner winner winner, claim your prize", "\uD800 broken",
    };

    private static ProjectionModel model(FeaturizerSection featurizer) {
        Random random = new Random(3);
        int nIn = SPEC.numBits();
        float[] w = new float[nIn * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        return ProjectionModel.builder()
                .projection(SPEC)
                .encoding(BitEncoding.PLUS_MINUS_ONE)
                .input(InputSpec.features(featurizer))
                .addLayer(DenseBlock.float32(nIn, 3, w, new float[] {0.1f, -0.2f, 0f}, Nonlinearity.IDENTITY))
                .labels("ham", "spam", "other")
                .build();
    }

    @Test
    void predictsWhatTheModelPredictsForTheFeatureBag() throws Exception {
        // Through the file format, so the featurizer comes back from the model's own section.
        ProjectionModel model = ProjectionModel.load(ModelWriter.toBytes(model(CONFIG.toSection())));
        TextPredictor text = TextPredictor.of(model);
        assertEquals(CONFIG, text.featurizerConfig());
        Predictor features = model.predictor();
        TextFeaturizer featurizer = new TextFeaturizer(CONFIG);
        Set<Integer> labels = new HashSet<>();
        float[] p = new float[3];
        float[] q = new float[3];
        for (String t : TEXTS) {
            FeatureBag bag = featurizer.featurize(t);
            int expected = features.scoresFeatures(bag.keys(), bag.weights(), bag.size(), q);
            assertEquals(expected, text.predict(t), t);
            assertEquals(expected, text.scores(t, p), t);
            assertArrayEquals(q, p, t);
            byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
            if (!t.contains("\uD800")) { // getBytes turns an unpaired surrogate into '?', not U+FFFD
                assertEquals(expected, text.predictUtf8(utf8, 0, utf8.length), t);
            }
            labels.add(expected);
        }
        assertTrue(labels.size() > 1, "the texts should not all get the same label: " + labels);
    }

    @Test
    void binaryWeightingReachesThePredictor() {
        FeaturizerConfig binary = CONFIG.toBuilder().weighting(FeatureWeighting.BINARY).build();
        ProjectionModel model = model(binary.toSection());
        String t = "la la la la la la la la la la la la la la la la la la la la la la la la la la la la";
        FeatureBag bag = new TextFeaturizer(binary).featurize(t);
        assertEquals(model.predictor().predictFeatures(bag.keys(), bag.weights(), bag.size()),
                TextPredictor.of(model).predict(t));
        for (float w : bag.weights()) {
            assertEquals(1f, w);
        }
    }

    @Test
    void refusesModelsItCannotFeaturizeFor() {
        assertThrows(IllegalArgumentException.class, () -> TextPredictor.of(null));
        ProjectionModel other = model(FeaturizerSection.of("another-featurizer", 1, Collections.<String, String>emptyMap()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextPredictor.of(other));
        assertTrue(e.getMessage().contains("another-featurizer"), e.getMessage());
        ProjectionModel dense = model(CONFIG.toSection()).toBuilder().input(InputSpec.dense(4)).build();
        e = assertThrows(IllegalArgumentException.class, () -> TextPredictor.of(dense));
        assertTrue(e.getMessage().contains("DENSE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextPredictor.of(model(CONFIG.toSection())).predict(null));
    }
}
