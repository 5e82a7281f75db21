package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.INVALID_VALUE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.SIZE_OUT_OF_RANGE;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Format version 5, docs/FORMAT.md section 13: version 4's layout with one more model family, {@link
 * ModelFamily#PATCH} (code 3 in the projection section's family byte), whose DENSE input has an image shape and
 * whose PATCH section, between the input section and the dense layers, holds the {@link PatchEncoder}:
 * <pre>
 *   u32 window, u32 stride, u32 numStages,
 *   per stage: u32 kernel, layer conv (a version 1 layer record, nIn = kernel * kernel * Cin), u32 pool,
 *              u8 pooling (0 MAX), u8[3] 0
 * </pre>
 * The first dense layer's {@code nIn} is the encoder's output width. Every other model's bytes differ from version
 * 4's only in the header's version. Frozen once released: {@code golden/v5} pins it.
 */
final class FormatV5 implements FormatCodec {

    @Override
    public int version() {
        return 5;
    }

    @Override
    public ProjectionModel read(ContentReader in) throws ModelFormatException {
        return FormatV2.read(in, null, ModelFamily.PATCH);
    }

    @Override
    public void write(ProjectionModel model, ContentWriter s) {
        FormatV2.writeContent(model, s);
    }

    /**
     * The PATCH section of an image {@code input} projected by {@code spec}. Every map's shape is followed as the
     * section is read, so a window, kernel or pool that does not fit, or a convolution whose {@code nIn} does not
     * chain, is named with its offset before its weights are allocated.
     */
    static PatchEncoder patch(ContentReader in, InputSpec input, ProjectionSpec spec) throws ModelFormatException {
        int windowAt = in.position();
        int window = (int) in.u32("patch window", 1, PatchEncoder.MAX_WINDOW);
        if (window > input.height() || window > input.width()) {
            throw in.error(INVALID_VALUE, windowAt, "patch window " + window + " does not fit the image "
                    + input.height() + " x " + input.width());
        }
        long patchInputs = (long) window * window * input.channels();
        if (patchInputs * spec.numWords() > PnetFormat.MAX_PROJECTION_MASK_WORDS) {
            throw in.error(SIZE_OUT_OF_RANGE, windowAt, "window * window * channels * ceil(T * d / 64) = "
                    + patchInputs + " * " + spec.numWords() + " exceeds " + PnetFormat.MAX_PROJECTION_MASK_WORDS);
        }
        int stride = (int) in.u32("patch stride", 1, PatchEncoder.MAX_STRIDE);
        long channels = spec.numBits();
        long height = (input.height() - window) / stride + 1;
        long width = (input.width() - window) / stride + 1;
        checkMap(in, windowAt, "the projection's bit map", channels, height, width);
        long numStages = in.u32("numStages", 0, PatchEncoder.MAX_STAGES);
        List<ConvStage> stages = new ArrayList<>();
        for (int l = 0; l < numStages; l++) {
            String name = "patch stage " + l;
            int kernelAt = in.position();
            int kernel = (int) in.u32(name + " kernel", 1, ConvStage.MAX_KERNEL);
            if (kernel > height || kernel > width) {
                throw in.error(INVALID_VALUE, kernelAt, name + " kernel " + kernel + " does not fit its input map "
                        + height + " x " + width);
            }
            DenseBlock conv;
            try {
                conv = FormatV1.layer(in, 0, kernel * kernel * channels, "a convolution cannot be INT8_FIXED");
            } catch (ModelFormatException e) {
                throw new ModelFormatException(e.problem(), name + " convolution (kernel " + kernel + " x " + kernel
                        + " over " + channels + " channels): " + e.getMessage(), e);
            }
            int poolAt = in.position();
            int pool = (int) in.u32(name + " pool", 1, ConvStage.MAX_POOL);
            height -= kernel - 1;
            width -= kernel - 1;
            if (pool > height || pool > width) {
                throw in.error(INVALID_VALUE, poolAt, name + " pool " + pool + " does not fit the convolution's output "
                        + height + " x " + width);
            }
            int poolingAt = in.position();
            int pooling = in.u8(name + " pooling", 255);
            if (pooling != FormatV2.POOLING_MAX) {
                throw in.error(INVALID_VALUE, poolingAt, name + ": unknown pooling code " + pooling + " (0 MAX)");
            }
            in.reserved(3);
            channels = conv.nOut;
            height /= pool;
            width /= pool;
            checkMap(in, kernelAt, name + "'s output map", channels, height, width);
            stages.add(ConvStage.of(kernel, conv, pool));
        }
        return PatchEncoder.of(window, stride, stages);
    }

    private static void checkMap(ContentReader in, int at, String name, long c, long h, long w)
            throws ModelFormatException {
        if (c * h * w > PatchEncoder.MAX_MAP_VALUES) {
            throw in.error(SIZE_OUT_OF_RANGE, at, name + " has " + c + " x " + h + " x " + w + " values, more than "
                    + PatchEncoder.MAX_MAP_VALUES);
        }
    }

    /** What {@link #patch} reads. */
    static void writePatch(PatchEncoder encoder, ContentWriter s) {
        s.u32(encoder.window());
        s.u32(encoder.stride());
        s.u32(encoder.stages().size());
        for (ConvStage stage : encoder.stages()) {
            s.u32(stage.kernel());
            FormatV1.writeLayer(stage.conv(), s);
            s.u32(stage.pool());
            s.u8(FormatV2.POOLING_MAX);
            s.u8(0);
            s.u8(0);
            s.u8(0);
        }
    }
}
