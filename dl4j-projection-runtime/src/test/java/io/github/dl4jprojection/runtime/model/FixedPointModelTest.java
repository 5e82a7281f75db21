package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Integer-only models (INT8_FIXED, format version 3): calibration, the integer kernels, the format and its checks. */
class FixedPointModelTest {

    /** Every function a hidden layer can have, tabled or not, on both bit encodings. */
    private static ProjectionModel floatModel(long seed, BitEncoding encoding) {
        return TestModels.denseBuilder(seed, InputSpec.dense(30), TestModels.spec(8, 8, seed, 0.5), encoding,
                new int[] {12, 10, 9, 8, 7}, new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU,
                    Nonlinearity.TANH, Nonlinearity.HARD_TANH, Nonlinearity.SIGMOID}, 4).build();
    }

    @Test
    void integerLogitsEqualAnIndependentReferenceAndSurviveTheFile() throws Exception {
        for (BitEncoding encoding : BitEncoding.values()) {
            ProjectionModel fixed = TestModels.calibrated(floatModel(7, encoding), new Random(1), 300);
            assertTrue(fixed.isFixedPoint());
            assertEquals("int8-fixed", fixed.provenance().get(ProvenanceKeys.WEIGHTS));
            byte[] bytes = ModelWriter.toBytes(fixed);
            assertEquals(PnetFormat.VERSION, ModelReader.le32(bytes, 8),
                    "an integer-only model is written in the newest format version (3 or later)");
            ProjectionModel loaded = ProjectionModel.load(bytes);
            assertArrayEquals(bytes, ModelWriter.toBytes(loaded), "rewriting changed the bytes");
            Predictor predictor = loaded.predictor();
            Random random = new Random(2);
            int[] logits = new int[4];
            float[] p = new float[4];
            for (int r = 0; r < 300; r++) {
                float[] x = TestModels.randomInput(random, 30);
                int label = predictor.integerLogits(x, logits);
                int[] expected = TestModels.referenceIntegerLogits(fixed, TestModels.bits(fixed, x));
                assertArrayEquals(expected, logits, "input " + r);
                assertEquals(argmax(expected), label, "input " + r + ": label is the first largest int32 logit");
                assertEquals(label, predictor.scores(x, p), "input " + r + ": scores");
                double[] softmax = TestModels.referenceSoftmax(scaled(expected, fixed.logitScale()));
                for (int j = 0; j < 4; j++) {
                    assertEquals(softmax[j], p[j], 1e-5, "input " + r + ": probability " + j);
                }
            }
        }
    }

    @Test
    void theIntegerModelMostlyAgreesWithTheFloatModelOnHeldOutInputs() {
        ProjectionModel source = TestModels.smallDense(11);
        ProjectionModel fixed = TestModels.calibrated(source, new Random(3), 500);
        Random random = new Random(4);
        int agree = 0;
        int n = 1000;
        for (int r = 0; r < n; r++) {
            float[] x = TestModels.randomInput(random, 12);
            agree += source.predict(x) == fixed.predict(x) ? 1 : 0;
        }
        assertTrue(agree >= 0.9 * n, "the integer model agrees with the float one on " + agree + " of " + n);
    }

    @Test
    void featureModelsHaveIntegerLogitsToo() {
        ProjectionModel fixed = TestModels.calibrated(TestModels.smallFeatures(5), new Random(5), 200);
        Predictor predictor = fixed.predictor();
        Random random = new Random(6);
        int[] logits = new int[4];
        long[] bits = new long[fixed.projectionSpec().numWords()];
        for (int r = 0; r < 100; r++) {
            long[] keys = TestModels.randomKeys(random);
            float[] weights = TestModels.randomWeights(random, keys.length);
            predictor.integerLogitsFeatures(keys, weights, keys.length, logits);
            predictor.projectFeatures(keys, weights, keys.length, bits);
            assertArrayEquals(TestModels.referenceIntegerLogits(fixed, bits), logits, "bag " + r);
        }
    }

    @Test
    void pixelsAsBytesGiveTheLabelOfTheSameValuesAsFloats() {
        ProjectionModel fixed = TestModels.calibrated(TestModels.smallDense(13), new Random(7), 200);
        Predictor predictor = fixed.predictor();
        Random random = new Random(8);
        byte[] pixels = new byte[12];
        float[] x = new float[12];
        for (int r = 0; r < 200; r++) {
            random.nextBytes(pixels);
            for (int i = 0; i < 12; i++) {
                x[i] = pixels[i] & 0xFF;
            }
            assertEquals(predictor.predict(x), predictor.predictPixels(pixels), "image " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> predictor.predictPixels(new byte[11]));
        ProjectionModel wide = TestModels.denseBuilder(1, InputSpec.dense(70000), TestModels.spec(2, 4, 1, 1.0 / 64),
                BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], 2).build();
        IllegalStateException tooWide = assertThrows(IllegalStateException.class,
                () -> wide.predictor().predictPixels(new byte[70000]));
        assertTrue(tooWide.getMessage().contains("255 * nIn <= 2^24"), tooWide.getMessage());
    }

    @Test
    void integerOnlyRulesAreCheckedWithMessages() {
        ProjectionModel source = TestModels.smallDense(17);
        ProjectionModel fixed = TestModels.calibrated(source, new Random(9), 50);
        // One float layer among fixed ones.
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> fixed.toBuilder().layers(java.util.Arrays.asList(fixed.layers().get(0), source.layers().get(1),
                        fixed.layers().get(2))).build());
        assertTrue(mixed.getMessage().contains("INT8_FIXED layers only"), mixed.getMessage());
        // A bias that makes the int32 accumulator overflowable.
        DenseBlock first = fixed.layers().get(0);
        int[] bias = first.fixedBias();
        bias[0] = Integer.MAX_VALUE;
        DenseBlock overflowing = DenseBlock.int8Fixed(first.nIn(), first.nOut(), first.quantizedWeights(), bias,
                first.multipliers(), first.shifts(), first.table(), first.preScale(), first.outputScale(),
                first.nonlinearity(), first.alpha());
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                () -> fixed.toBuilder().layers(java.util.Arrays.asList(overflowing, fixed.layers().get(1),
                        fixed.layers().get(2))).build());
        assertTrue(overflow.getMessage().contains("overflow its int32 accumulator"), overflow.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseBlock.int8Fixed(1, 1, new byte[1], new int[1],
                new int[] {-1}, new byte[1], null, 1f, 1f, Nonlinearity.RELU, 0f), "a negative multiplier");
        assertThrows(IllegalArgumentException.class, () -> DenseBlock.int8Fixed(1, 1, new byte[1], new int[1],
                new int[1], new byte[] {63}, null, 1f, 1f, Nonlinearity.RELU, 0f), "a shift past 62");
        assertThrows(IllegalArgumentException.class, () -> DenseBlock.int8Fixed(1, 1, new byte[1], new int[1],
                new int[1], new byte[1], null, 1f, 1f, Nonlinearity.TANH, 0f), "TANH without its table");
        assertThrows(IllegalArgumentException.class, () -> DenseBlock.int8Fixed(1, 1, new byte[1], new int[1],
                new int[1], new byte[1], null, 1f, 2f, Nonlinearity.RELU, 0f), "RELU changing the scale");
        // Older versions cannot hold the weight type, neither written nor read.
        IllegalArgumentException v2 = assertThrows(IllegalArgumentException.class,
                () -> ModelWriter.toBytes(fixed, FormatVersions.forVersion(2)));
        assertTrue(v2.getMessage().contains("version 3 can"), v2.getMessage());
        byte[] asV2 = ModelWriter.toBytes(fixed);
        ModelBytes.putU32(asV2, 8, 2);
        ModelFormatException old = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(asV2));
        assertEquals(ModelFormatException.Problem.INVALID_VALUE, old.problem());
        assertTrue(old.getMessage().contains("needs format version 3"), old.getMessage());
        // Float models have no integer logits, and calibration needs examples.
        assertThrows(IllegalStateException.class, () -> source.predictor().integerLogits(new float[12], new int[3]));
        assertThrows(IllegalStateException.class, () -> Int8Calibrator.of(source).calibrate());
        assertThrows(IllegalArgumentException.class, () -> Int8Calibrator.of(fixed));
        assertNull(fixed.layers().get(0).table(), "RELU is exact on integers");
        assertFalse(source.isFixedPoint());
    }

    @Test
    void integerPredictionsAllocateNothingInSteadyState() {
        ProjectionModel fixed = TestModels.calibrated(TestModels.smallDense(19), new Random(10), 50);
        Predictor predictor = fixed.predictor();
        float[] x = TestModels.randomInput(new Random(11), 12);
        byte[] pixels = new byte[12];
        int[] logits = new int[3];
        float[] p = new float[3];
        long allocated = TestModels.allocatedBytes(() -> predictor.scores(x, p) + predictor.integerLogits(x, logits)
                + predictor.predictPixels(pixels));
        assertTrue(allocated < 20000, "60000 predictions allocated " + allocated + " bytes");
    }

    private static double[] scaled(int[] logits, float scale) {
        double[] z = new double[logits.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) logits[j] * scale;
        }
        return z;
    }

    private static int argmax(int[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }
    /** Quantization-aware training hands its tracked ranges over instead of examples: s_z = range / 127 per layer. */
    @Test
    void givenRangesSetTheHiddenScalesAndAreRecorded() {
        ProjectionModel source = TestModels.smallDense(23);
        Int8Calibrator calibrator = Int8Calibrator.of(source);
        calibrator.useRanges(new double[] {3.5, 0.25}, "tracked in training");
        ProjectionModel fixed = calibrator.calibrate();
        assertEquals((float) (3.5 / 127), fixed.layers().get(0).preScale());
        assertEquals((float) (0.25 / 127), fixed.layers().get(1).preScale());
        assertEquals("tracked in training", fixed.provenance().get(ProvenanceKeys.CALIBRATION));

        calibrator.observe(TestModels.randomInput(new Random(4), 12));
        ProjectionModel observed = calibrator.calibrate();
        assertTrue(observed.provenance().get(ProvenanceKeys.CALIBRATION).endsWith("over 1 examples"),
                "an observation replaces the given ranges");
        assertTrue(observed.layers().get(0).preScale() != fixed.layers().get(0).preScale());

        assertThrows(IllegalArgumentException.class, () -> calibrator.useRanges(new double[] {1}, "x"), "one short");
        assertThrows(IllegalArgumentException.class, () -> calibrator.useRanges(new double[] {1, Double.NaN}, "x"));
        assertThrows(IllegalArgumentException.class, () -> calibrator.useRanges(new double[] {1, -1}, "x"));
        assertThrows(IllegalArgumentException.class, () -> calibrator.useRanges(new double[] {1, 1}, ""));
    }
}
