package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelBytes.CONTENT;
import static io.github.dl4jprojection.runtime.model.ModelBytes.putU32;
import static io.github.dl4jprojection.runtime.model.ModelBytes.resealed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ModelFormatException.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Format version 5's PATCH section (docs/FORMAT.md 13): the round trip, and one broken file per rule, rejected with
 * its problem, the field and its content offset. The offsets follow {@link PatchModels#small}: projection 0..19,
 * input 20..35 (7 x 6 x 1), window 36, stride 40, numStages 44, stage 0's kernel 48, its layer record 52 (32 x 3
 * float32: nIn 52, nOut 56, f 60, type 61, weights from 68, bias from 452), pool 464, pooling 468, reserved 469..471,
 * numLayers 472, dense layer 0 at 476.
 */
class PatchFormatTest {

    private static final byte[] GOOD = ModelWriter.toBytes(PatchModels.small(1));

    private static ModelFormatException rejected(byte[] bytes, Problem problem, String... parts) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(resealed(bytes)));
        assertEquals(problem, e.problem(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        return e;
    }

    private static byte[] withU32(int contentOffset, long value) {
        byte[] b = GOOD.clone();
        putU32(b, CONTENT + contentOffset, value);
        return b;
    }

    @Test
    void theLayoutOffsetsHoldAndTheModelRoundTrips() throws Exception {
        assertEquals(5, GOOD[8]);
        assertEquals(ModelFamily.PATCH.code(), GOOD[CONTENT + 19]);
        assertEquals(3, GOOD[CONTENT + 36]);
        assertEquals(1, GOOD[CONTENT + 40]);
        assertEquals(1, GOOD[CONTENT + 44]);
        assertEquals(2, GOOD[CONTENT + 48]);
        assertEquals(32, GOOD[CONTENT + 52]);
        assertEquals(2, GOOD[CONTENT + 464]);
        assertEquals(2, GOOD[CONTENT + 472]);
        assertEquals(6, GOOD[CONTENT + 476]);
        ProjectionModel loaded = ProjectionModel.load(GOOD);
        assertArrayEquals(GOOD, ModelWriter.toBytes(loaded));
        ProjectionModel model = PatchModels.small(1);
        assertEquals(model.patchEncoder().toString(), loaded.patchEncoder().toString());
        assertEquals(model.numParameters(), loaded.numParameters());
        float[] x = new float[42];
        Random random = new Random(3);
        float[] a = new float[3];
        float[] b = new float[3];
        for (int r = 0; r < 20; r++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(256);
            }
            model.predictor().logits(x, a);
            loaded.predictor().logits(x, b);
            assertArrayEquals(a, b);
        }
        ProjectionModel quantized = PatchModels.quantized(model);
        assertArrayEquals(ModelWriter.toBytes(quantized), ModelWriter.toBytes(ProjectionModel.load(
                ModelWriter.toBytes(quantized))));
    }

    @Test
    void sizesOutOfRange() {
        rejected(withU32(36, 33), Problem.SIZE_OUT_OF_RANGE, "content offset 36", "patch window must be in [1, 32]");
        rejected(withU32(40, 0), Problem.SIZE_OUT_OF_RANGE, "content offset 40", "patch stride must be in [1, 32]");
        rejected(withU32(44, 9), Problem.SIZE_OUT_OF_RANGE, "content offset 44", "numStages must be in [0, 8]");
        rejected(withU32(48, 16), Problem.SIZE_OUT_OF_RANGE, "patch stage 0 kernel must be in [1, 15]");
        rejected(withU32(464, 0), Problem.SIZE_OUT_OF_RANGE, "content offset 464", "patch stage 0 pool");
        // A 1024 x 1024 image of 1 x 1 patches: 8 x 1024 x 1024 bits, refused before anything is allocated.
        byte[] huge = withU32(20, 1 << 20);
        putU32(huge, CONTENT + 24, 1024);
        putU32(huge, CONTENT + 28, 1024);
        putU32(huge, CONTENT + 36, 1);
        rejected(huge, Problem.SIZE_OUT_OF_RANGE, "content offset 36", "bit map has 8 x 1024 x 1024 values",
                "more than " + PatchEncoder.MAX_MAP_VALUES);
    }

    @Test
    void shapesThatDoNotFitOrChain() {
        rejected(withU32(36, 8), Problem.INVALID_VALUE, "content offset 36",
                "patch window 8 does not fit the image 7 x 6");
        rejected(withU32(48, 5), Problem.INVALID_VALUE, "content offset 48",
                "patch stage 0 kernel 5 does not fit its input map 5 x 4");
        rejected(withU32(48, 1), Problem.INVALID_VALUE, "patch stage 0 convolution (kernel 1 x 1 over 8 channels)",
                "content offset 52", "nIn is 32 but its input has 8 values");
        rejected(withU32(464, 4), Problem.INVALID_VALUE, "content offset 464",
                "patch stage 0 pool 4 does not fit the convolution's output 4 x 3");
        // Pool 1 leaves 3 x 4 x 3 = 36 values for a first dense layer of 6 inputs.
        rejected(withU32(464, 1), Problem.INVALID_VALUE, "content offset 476", "nIn is 6 but its input has 36 values");
    }

    @Test
    void codesReservedBytesAndFamilies() {
        byte[] pooling = GOOD.clone();
        pooling[CONTENT + 468] = 1;
        rejected(pooling, Problem.INVALID_VALUE, "content offset 468", "unknown pooling code 1 (0 MAX)");
        byte[] reserved = GOOD.clone();
        reserved[CONTENT + 470] = 7;
        rejected(reserved, Problem.INVALID_VALUE, "content offset 470", "reserved byte must be 0, got 7");
        byte[] fixed = GOOD.clone();
        fixed[CONTENT + 61] = (byte) WeightType.INT8_FIXED.code();
        rejected(fixed, Problem.INVALID_VALUE, "content offset 61", "a convolution cannot be INT8_FIXED");
        byte[] flat = GOOD.clone();
        for (int p = 24; p < 36; p++) {
            flat[CONTENT + p] = 0;
        }
        rejected(flat, Problem.INVALID_VALUE, "content offset 24", "a PATCH model needs an image shape");
        byte[] text = ModelWriter.toBytes(TestModels.smallFeatures(2));
        text[CONTENT + 19] = (byte) ModelFamily.PATCH.code();
        rejected(text, Problem.INVALID_VALUE, "content offset 19", "a PATCH model needs DENSE (image) input");
        byte[] v4 = GOOD.clone();
        v4[8] = 4;
        rejected(v4, Problem.INVALID_VALUE, "content offset 19", "model family must be in [0, 2], got 3");
    }
}
