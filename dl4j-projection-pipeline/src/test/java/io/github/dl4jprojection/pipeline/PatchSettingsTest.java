package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The patch model's settings: {@code --conv} parsing, {@link ImageSettings} validation and fit against the image,
 * the bits default per family, the provenance keys (only for a patch model, so a bag configuration is unchanged)
 * and a checkpoint's mismatch report.
 */
class PatchSettingsTest {

    private static final ImageSettings BAG = ImageSettings.builder().model(ProjectionFamily.BAG).build();

    private static TrainingConfig patch(ImageSettings.Builder settings) {
        return TrainingConfig.builder(TaskKind.IMAGE).image(settings.model(ProjectionFamily.PATCH).build()).build();
    }

    @Test
    void parsesConvStagesOrNone() {
        assertEquals(Arrays.asList(new PatchStage(3, 32, 2), new PatchStage(5, 8, 1)),
                PatchStage.parseList(" 3:32:2, 5:8:1"));
        assertEquals(Collections.emptyList(), PatchStage.parseList("NONE"));
        assertEquals("3:32:2,5:8:1", PatchStage.format(PatchStage.parseList("3:32:2,5:8:1")));
        assertEquals("none", PatchStage.format(Collections.emptyList()));
        for (String bad : new String[] {"3:32", "3:32:2,", "a:b:c", "", "3:32:2:1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatchStage.parseList(bad));
            assertTrue(e.getMessage().startsWith("conv must be K:C:Q"), bad + ": " + e.getMessage());
        }
        assertEquals("conv: kernel K must be in [1, 15], got 16",
                assertThrows(IllegalArgumentException.class, () -> PatchStage.parseList("16:8:1")).getMessage());
        assertEquals("conv: pool Q must be in [1, 16], got 0",
                assertThrows(IllegalArgumentException.class, () -> PatchStage.parseList("3:8:0")).getMessage());
        assertEquals("conv: channels C must be in [1, 65536], got 0",
                assertThrows(IllegalArgumentException.class, () -> PatchStage.parseList("3:0:1")).getMessage());
    }

    @Test
    void patchDefaultsAndBitsPerPosition() {
        assertEquals(ProjectionFamily.PATCH, TrainingConfig.builder(TaskKind.IMAGE).build().image().model());
        TrainingConfig patch = patch(ImageSettings.builder());
        assertEquals(ImageSettings.DEFAULT_PATCH_BITS, patch.bits(), "the patch family's bits per position");
        assertEquals(new ProjectionBits(60, 12), patch.toBuilder().image(BAG).build().bits(),
                "a default stays a default through toBuilder");
        assertEquals(new ProjectionBits(2, 8), patch.toBuilder().bits(new ProjectionBits(2, 8)).build().bits());
        assertEquals(ImageSettings.DEFAULT_WINDOW, patch.image().window());
        assertEquals(ImageSettings.DEFAULT_STRIDE, patch.image().stride());
        assertEquals(PatchStage.parseList(ImageSettings.DEFAULT_CONV), patch.image().stages());
    }

    @Test
    void recordsThePatchSettingsOnlyForAPatchModel() {
        Map<String, String> bag = TrainingConfig.builder(TaskKind.IMAGE).image(BAG).build().asProperties();
        for (String key : new String[] {"model", "window", "stride", "conv"}) {
            assertFalse(bag.containsKey(key), key);
        }
        Map<String, String> patch = patch(ImageSettings.builder().window(5).stride(3)
                .stages(PatchStage.parseList("3:16:2,2:8:1"))).asProperties();
        assertEquals("patch", patch.get("model"));
        assertEquals("5", patch.get("window"));
        assertEquals("3", patch.get("stride"));
        assertEquals("3:16:2,2:8:1", patch.get("conv"));
        assertEquals("4:4", patch.get("bits"));
        assertEquals("none", patch(ImageSettings.builder().stages(Collections.emptyList())).asProperties().get("conv"));
    }

    @Test
    void aCheckpointOfAnotherPatchModelOrOfTheBagModelDiffers() {
        TrainingConfig patch = patch(ImageSettings.builder());
        Map<String, String> otherStride = patch(ImageSettings.builder().stride(1)).asProperties();
        assertEquals(Collections.singletonList("stride 2 vs 1"), patch.differencesFrom(otherStride));
        List<String> fromBag = patch.differencesFrom(TrainingConfig.builder(TaskKind.IMAGE).image(BAG).build()
                .asProperties());
        assertTrue(fromBag.contains("model patch vs unset"), fromBag.toString());
        assertTrue(fromBag.contains("bits 4:4 vs 60:12"), fromBag.toString());
    }

    @Test
    void refusesWhatThePatchModelCannotDo() {
        assertEquals("window must be in [1, 32], got 0", assertThrows(IllegalArgumentException.class,
                () -> ImageSettings.builder().window(0).build()).getMessage());
        assertEquals("stride must be in [1, 32], got 0", assertThrows(IllegalArgumentException.class,
                () -> ImageSettings.builder().stride(0).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ImageSettings.builder().model(ProjectionFamily.SEQ).build()).getMessage()
                .startsWith("model seq is a text model"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TextSettings.builder().model(ProjectionFamily.PATCH).build()).getMessage()
                .startsWith("model patch is an image model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(TaskKind.IMAGE)
                .image(ImageSettings.builder().model(ProjectionFamily.PATCH).build())
                .quantization(ExportQuantization.INT8_FIXED).build()).getMessage()
                .startsWith("quantize int8-fixed (integer-only) is for bag models: --model patch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(TaskKind.TEXT)
                .image(ImageSettings.defaults()).build()).getMessage().startsWith("window, stride and conv apply to"));
        TrainingConfig qat = TrainingConfig.builder(TaskKind.IMAGE).image(ImageSettings.builder()
                .model(ProjectionFamily.PATCH).build()).quantization(ExportQuantization.INT8).quantizationAware(true)
                .build();
        assertTrue(qat.quantizationAware(), "qat trains a patch model's dense layers");
    }

    @Test
    void checksTheWindowAndEveryStageAgainstTheImage() {
        ImageSettings fits = ImageSettings.builder().model(ProjectionFamily.PATCH).build();
        fits.checkFits(28, 28, 16);
        assertEquals("window 4 is larger than the 3x28 images", assertThrows(IllegalArgumentException.class,
                () -> fits.checkFits(3, 28, 16)).getMessage());
        // 12x12, window 4, stride 2: 5x5; 3:8:2 gives 3x3 then 1x1; a second 3x3 stage has no room.
        ImageSettings deep = ImageSettings.builder().model(ProjectionFamily.PATCH)
                .stages(PatchStage.parseList("3:8:2,3:8:1")).build();
        assertEquals("conv: stage 2 (3:8:1) does not fit the 1x1 map it gets (12x12 images, window 4, stride 2, "
                + "after 1 stage(s))", assertThrows(IllegalArgumentException.class, () -> deep.checkFits(12, 12, 16))
                .getMessage());
        ImageSettings.builder().model(ProjectionFamily.BAG).window(30).build().checkFits(8, 8, 16);
        // 28x28, window 4, stride 2 and no stage: 13x13 positions of 512 bits, 86,528 inputs for the dense layer.
        ImageSettings flat = ImageSettings.builder().model(ProjectionFamily.PATCH).stages(Collections.emptyList())
                .build();
        flat.checkFits(28, 28, 256);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> flat.checkFits(28, 28, 512)).getMessage()
                .startsWith("bits: the first dense layer would read the last 512x13x13 map, 86528 values"));
        ImageSettings wide = ImageSettings.builder().model(ProjectionFamily.PATCH)
                .stages(PatchStage.parseList("15:4:1")).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> wide.checkFits(64, 64, 512)).getMessage()
                .startsWith("conv: stage 1 (15:4:1) reads K*K*C = 115200 values per position"));
    }
}
