package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.LabelVocabulary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeEvaluatorTest {

    /** 8 images of 2x2, first pixel i; labels follow the fake model's rule except for image 3. */
    private static ImageDataset data() {
        byte[] pixels = new byte[8 * 4];
        int[] labels = new int[8];
        for (int i = 0; i < 8; i++) {
            pixels[i * 4] = (byte) i;
            labels[i] = FakeRuntimeModel.rule(i, 2);
        }
        labels[3] = 1 - labels[3];
        return ImageDataset.of(2, 2, pixels, labels, LabelVocabulary.integerNames(2), "eight images");
    }

    @Test
    void measuresAccuracyAndAgreement() {
        ImageDataset test = data();
        int[] reference = new int[8];
        for (int i = 0; i < 8; i++) {
            reference[i] = FakeRuntimeModel.rule(i, 2);
        }
        reference[5] = 1 - reference[5];
        reference[6] = 1 - reference[6];

        RuntimeEvaluation result = RuntimeEvaluator.evaluate(new FakeRuntimeModel(4, test.labelNames(), 16), test, reference);

        assertEquals(8, result.examples());
        assertEquals(7 / 8.0, result.accuracy());
        assertEquals(6 / 8.0, result.agreement());
        assertTrue(result.hasAgreement());
        assertTrue(result.nanosPerExample() >= 0);

        // The fake model predicts the rule; image 3's label is the other class.
        int[][] expected = new int[2][2];
        for (int i = 0; i < 8; i++) {
            expected[test.label(i)][FakeRuntimeModel.rule(i, 2)]++;
        }
        assertEquals(1, expected[test.label(3)][1 - test.label(3)], "the one mistake is off the diagonal");
        assertTrue(Arrays.deepEquals(expected, result.confusionMatrix()), Arrays.deepToString(result.confusionMatrix()));
        assertEquals(test.labelNames(), result.labelNames());
    }

    @Test
    void agreementIsUnknownWithoutReference() {
        ImageDataset test = data();
        RuntimeEvaluation result = RuntimeEvaluator.evaluate(new FakeRuntimeModel(4, test.labelNames(), 16), test, null);
        assertFalse(result.hasAgreement());
    }

    @Test
    void modelForOtherImagesOrClassesIsRejected() {
        ImageDataset test = data();
        IncompatibleModelException size = assertThrows(IncompatibleModelException.class,
                () -> RuntimeEvaluator.evaluate(new FakeRuntimeModel(784, test.labelNames(), 16), test, null));
        assertTrue(size.getMessage().contains("takes 784 pixels per image, but eight images has 2x2 = 4"), size.getMessage());

        IncompatibleModelException labels = assertThrows(IncompatibleModelException.class,
                () -> RuntimeEvaluator.checkCompatible(new FakeRuntimeModel(4, Arrays.asList("a", "b"), 16), test,
                        test.labelNames()));
        assertTrue(labels.getMessage().contains("trained for another task"), labels.getMessage());
    }

    @Test
    void referenceOfTheWrongLengthIsRejected() {
        ImageDataset test = data();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeEvaluator.evaluate(new FakeRuntimeModel(4, test.labelNames(), 16), test, new int[3]));
        assertTrue(e.getMessage().startsWith("reference"), e.getMessage());
    }
}
