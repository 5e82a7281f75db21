package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The PATCH family's rules: {@link ConvStage}, {@link PatchEncoder} and the model builder. */
class PatchModelRulesTest {

    private static final Random RANDOM = new Random(5);

    private static DenseBlock block(int nIn, int nOut) {
        return TestModels.randomBlock(RANDOM, nIn, nOut, Nonlinearity.RELU, 0.1f);
    }

    private static void assertMessage(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "\"" + message + "\" should contain \"" + part + "\"");
        }
    }

    @Test
    void convStageRefusesBadArgumentsByName() {
        assertMessage(() -> ConvStage.of(0, block(4, 2), 1), "kernel", "0");
        assertMessage(() -> ConvStage.of(ConvStage.MAX_KERNEL + 1, block(16 * 16, 2), 1), "kernel", "16");
        assertMessage(() -> ConvStage.of(2, block(4, 2), 0), "pool", "0");
        assertMessage(() -> ConvStage.of(2, block(4, 2), ConvStage.MAX_POOL + 1), "pool", "17");
        assertMessage(() -> ConvStage.of(2, null, 1), "conv");
        assertMessage(() -> ConvStage.of(2, block(6, 2), 1), "conv.nIn", "multiple of kernel * kernel = 4", "6");
        DenseBlock fixed = TestModels.calibrated(TestModels.smallDense(3), new Random(1), 20).layers().get(0);
        assertMessage(() -> ConvStage.of(1, fixed, 1), "INT8_FIXED");
    }

    @Test
    void convStageChannelsAndParameters() {
        DenseBlock conv = block(3 * 3 * 5, 7);
        ConvStage stage = ConvStage.of(3, conv, 2);
        assertEquals(5, stage.inChannels());
        assertEquals(7, stage.outChannels());
        assertEquals(45 * 7 + 7, stage.numParameters());
        assertSame(conv, stage.conv());
        assertEquals(3, stage.kernel());
        assertEquals(2, stage.pool());
    }

    @Test
    void patchEncoderRefusesBadArgumentsByName() {
        List<ConvStage> none = Collections.emptyList();
        assertMessage(() -> PatchEncoder.of(0, 1, none), "window", "0");
        assertMessage(() -> PatchEncoder.of(33, 1, none), "window", "33");
        assertMessage(() -> PatchEncoder.of(2, 0, none), "stride", "0");
        assertMessage(() -> PatchEncoder.of(2, 33, none), "stride", "33");
        assertMessage(() -> PatchEncoder.of(2, 1, null), "stages");
        List<ConvStage> nine = new ArrayList<>();
        for (int l = 0; l < 9; l++) {
            nine.add(ConvStage.of(1, block(4, 4), 1));
        }
        assertMessage(() -> PatchEncoder.of(2, 1, nine), "stages", "at most 8", "9");
        assertMessage(() -> PatchEncoder.of(2, 1, Arrays.asList(ConvStage.of(1, block(4, 4), 1), null)),
                "stages[1]", "null");
        assertMessage(() -> PatchEncoder.of(2, 1, Arrays.asList(ConvStage.of(1, block(4, 3), 1),
                ConvStage.of(2, block(4 * 4, 2), 1))), "stages[1].inChannels", "stages[0].outChannels = 3", "4");
    }

    @Test
    void shapesFollowTheFloorFormulas() {
        // 9 x 8 image, 3 x 3 patches at stride 2: H0 = 6 / 2 + 1 = 4, W0 = 5 / 2 + 1 = 3 (floor).
        // Stage 0: kernel 2 gives 3 x 2, pool 2 gives 1 x 1; stage 1: kernel 1, 5 channels, no pooling.
        PatchEncoder encoder = PatchEncoder.of(3, 2, Arrays.asList(ConvStage.of(2, block(2 * 2 * 6, 4), 2),
                ConvStage.of(1, block(4, 5), 1)));
        int[][] shapes = encoder.shapes(9, 8, 6);
        assertArrayEquals(new int[] {6, 4, 3}, shapes[0]);
        assertArrayEquals(new int[] {4, 1, 1}, shapes[1]);
        assertArrayEquals(new int[] {5, 1, 1}, shapes[2]);
        assertEquals(5, encoder.outputWidth(9, 8, 6));
        // Pool 3 on a 10 x 10 convolution output drops the last row and column: 3 x 3.
        PatchEncoder pooled = PatchEncoder.of(1, 1, Collections.singletonList(ConvStage.of(3, block(9 * 2, 2), 3)));
        assertArrayEquals(new int[] {2, 3, 3}, pooled.shapes(12, 12, 2)[1]);
        PatchEncoder bare = PatchEncoder.of(4, 4, Collections.<ConvStage>emptyList());
        assertEquals(16 * 7 * 7, bare.outputWidth(28, 28, 16));
        assertEquals(0, bare.numParameters());
        assertEquals(2 * 2 * 6 * 4 + 4 + 4 * 5 + 5, encoder.numParameters());
    }

    @Test
    void shapesNameWhatDoesNotFit() {
        PatchEncoder encoder = PatchEncoder.of(5, 1, Collections.singletonList(ConvStage.of(3, block(9 * 4, 2), 2)));
        assertMessage(() -> encoder.shapes(4, 9, 4), "window 5", "image 4 x 9");
        assertMessage(() -> encoder.shapes(9, 4, 4), "window 5", "image 9 x 4");
        assertMessage(() -> encoder.shapes(9, 9, 8), "stages[0].inChannels must be 8", "got 4");
        assertMessage(() -> encoder.shapes(6, 9, 4), "stages[0]", "kernel 3", "input map 2 x 5");
        assertMessage(() -> encoder.shapes(7, 9, 4), "stages[0]", "pool 2", "output 1 x 3");
        PatchEncoder bare = PatchEncoder.of(1, 1, Collections.<ConvStage>emptyList());
        assertMessage(() -> bare.shapes(1024, 1024, 8), "bit map", "more than " + PatchEncoder.MAX_MAP_VALUES);
    }

    @Test
    void aPatchModelHasItsFamilyEncoderAndParameters() {
        ProjectionModel model = PatchModels.small(1);
        assertEquals(ModelFamily.PATCH, model.family());
        PatchEncoder encoder = model.patchEncoder();
        long dense = 0;
        for (DenseBlock layer : model.layers()) {
            dense += layer.numParameters();
        }
        assertEquals(encoder.numParameters() + dense, model.numParameters());
        // 7 x 6 image, 3 x 3 patches: 5 x 4 positions of 8 bits; kernel 2: 4 x 3; pool 2: 2 x 1, 3 channels.
        assertEquals(3 * 2 * 1, model.layers().get(0).nIn());
        assertSame(encoder, model.toBuilder().build().patchEncoder());
        assertNull(TestModels.smallDense(1).patchEncoder());
    }

    @Test
    void theBuilderAppliesThePatchRules() {
        ProjectionSpec spec = TestModels.spec(4, 2, 1, 0.5);
        ProjectionModel model = PatchModels.small(2);
        assertMessage(() -> model.toBuilder().input(InputSpec.dense(42)).build(), "PATCH model needs an image");
        assertMessage(() -> model.toBuilder().input(InputSpec.features(TestModels.testFeaturizer())).build(),
                "PATCH model needs an image");
        assertMessage(() -> model.toBuilder().input(InputSpec.image(2, 6, 1)).build(), "patch encoder", "window 3");
        // 8 x 8: 6 x 6 positions, 5 x 5 after the kernel, 2 x 2 pooled, 3 channels.
        assertMessage(() -> model.toBuilder().input(InputSpec.image(8, 8, 1)).build(), "layers[0].nIn must be 12",
                "patch encoder's output width");
        assertMessage(() -> model.toBuilder().projection(TestModels.spec(4, 3, 1, 0.5)).build(),
                "stages[0].inChannels must be 12");
        assertMessage(() -> model.toBuilder().patchEncoder(null).family(ModelFamily.PATCH).build(),
                "family PATCH needs a patch encoder");
        assertMessage(() -> model.toBuilder().family(ModelFamily.BAG).build(), "family BAG cannot have a patch");
        assertMessage(() -> TestModels.smallDense(1).toBuilder().family(ModelFamily.PATCH).build(),
                "needs a patch encoder");
        ProjectionModel bag = TestModels.denseBuilder(3, InputSpec.image(7, 6, 1), spec, BitEncoding.ZERO_ONE,
                new int[0], new Nonlinearity[0], 3).build();
        ProjectionModel fixed = TestModels.calibrated(bag, new Random(3), 20);
        PatchEncoder bare = PatchEncoder.of(7, 1, Collections.<ConvStage>emptyList());
        assertMessage(() -> fixed.toBuilder().patchEncoder(bare).build(), "INT8_FIXED", "PATCH");
    }

    @Test
    void aConvolutionThatCanOverflowIsRefusedByStage() {
        ProjectionModel model = PatchModels.small(4);
        float[] huge = new float[2 * 2 * 8 * 3];
        Arrays.fill(huge, 1e29f);
        ConvStage stage = ConvStage.of(2, DenseBlock.float32(32, 3, huge, new float[3], Nonlinearity.RELU), 2);
        assertMessage(() -> model.toBuilder().patchEncoder(PatchEncoder.of(3, 1, Collections.singletonList(stage)))
                .build(), "patch stages[0] can overflow float32");
    }
}
