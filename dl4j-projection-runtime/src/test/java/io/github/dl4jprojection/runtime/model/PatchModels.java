package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small random PATCH models for tests. */
final class PatchModels {

    private PatchModels() {
    }

    /**
     * An image of {@code h x w x c}, patches {@code window}/{@code stride} projected to {@code spec}'s bits, stages
     * {@code {kernel, outChannels, pool}} (RELU), then {@code hidden} RELU units (none when 0) and {@code numLabels}
     * logits; FLOAT32 weights.
     */
    static ProjectionModel.Builder builder(long seed, int h, int w, int c, ProjectionSpec spec, BitEncoding encoding,
                                           int window, int stride, int[][] stages, int hidden, int numLabels) {
        Random random = new Random(seed);
        List<ConvStage> list = new ArrayList<>();
        int channels = spec.numBits();
        for (int[] s : stages) {
            int nIn = s[0] * s[0] * channels;
            list.add(ConvStage.of(s[0], TestModels.randomBlock(random, nIn, s[1], Nonlinearity.RELU,
                    1f / (float) Math.sqrt(nIn)), s[2]));
            channels = s[1];
        }
        PatchEncoder encoder = PatchEncoder.of(window, stride, list);
        int width = encoder.outputWidth(h, w, spec.numBits());
        ProjectionModel.Builder b = ProjectionModel.builder().projection(spec).encoding(encoding)
                .input(InputSpec.image(h, w, c)).patchEncoder(encoder);
        if (hidden > 0) {
            b.addLayer(TestModels.randomBlock(random, width, hidden, Nonlinearity.RELU, 1f / (float) Math.sqrt(width)));
            width = hidden;
        }
        b.addLayer(TestModels.randomBlock(random, width, numLabels, Nonlinearity.IDENTITY,
                2f / (float) Math.sqrt(width)));
        String[] labels = new String[numLabels];
        for (int j = 0; j < numLabels; j++) {
            labels[j] = "class-" + j;
        }
        return b.labels(labels).provenance(ProvenanceKeys.LIBRARY_VERSION, "test");
    }

    /** A 7 x 6 x 1 image, 3 x 3 patches at stride 1 to 4 x 2 bits, one 2 x 2 stage of 3 channels pooled by 2. */
    static ProjectionModel small(long seed) {
        return builder(seed, 7, 6, 1, TestModels.spec(4, 2, seed, 0.5), BitEncoding.PLUS_MINUS_ONE, 3, 1,
                new int[][] {{2, 3, 2}}, 4, 3).build();
    }
}
