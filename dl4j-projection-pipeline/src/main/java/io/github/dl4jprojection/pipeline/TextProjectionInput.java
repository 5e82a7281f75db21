package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.joint.TokenBitsBatch;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.internal.text.TextProjectionScratch;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjectionScratch;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the projection branch of a text task reads a text, one implementation per {@link ProjectionFamily}: the
 * runtime's reference code encodes every text once (packed bits), and a minibatch of encoded texts becomes the
 * branch's graph input (and its mask). Not thread-safe (one scratch per instance).
 */
abstract class TextProjectionInput {

    /** The family's input for the configuration: the bag's or the sequence model's. */
    static TextProjectionInput of(TrainingConfig config) {
        TextSettings text = config.text();
        if (text.model() == ProjectionFamily.SEQ) {
            ProjectionSpec spec = ProjectionSpec.builder().numFunctions(text.tokenBits().numFunctions())
                    .bitsPerFunction(text.tokenBits().bitsPerFunction()).density(config.density().value())
                    .seed(config.seed()).build();
            return new Tokens(new TokenProjection(text.featurizer(), spec, text.maxTokens()), text);
        }
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(config.bits().numFunctions())
                .bitsPerFunction(config.bits().bitsPerFunction()).density(config.density().value())
                .seed(config.seed()).build();
        return new Bag(new TextProjection(text.featurizer(), spec));
    }

    /** The packed bits of one text. */
    abstract long[] encode(String text);

    /** The graph input of the rows' encoded texts and its mask (null when the input has none). */
    abstract INDArray[] inputAndMask(List<long[]> rows);

    /** Adds the projection input (and a sequence model's encoder) to a joint builder. */
    abstract void addTo(JointProjectionModel.Builder builder);

    /** SGNN: one projection of the text's feature bag, {@code [mb, T*d]} of 0/1. */
    static final class Bag extends TextProjectionInput {
        private final TextProjection projection;
        private final TextProjectionScratch scratch;

        Bag(TextProjection projection) {
            this.projection = projection;
            this.scratch = projection.newScratch();
        }

        @Override
        long[] encode(String text) {
            long[] bits = new long[projection.numWords()];
            projection.project(text, scratch, bits);
            return bits;
        }

        @Override
        INDArray[] inputAndMask(List<long[]> rows) {
            int numBits = projection.numBits();
            float[][] b = new float[rows.size()][numBits];
            for (int r = 0; r < b.length; r++) {
                PackedBits.unpack(rows.get(r), numBits, BitEncoding.ZERO_ONE, b[r], 0);
            }
            return new INDArray[] {Nd4j.create(b), null};
        }

        @Override
        void addTo(JointProjectionModel.Builder builder) {
            builder.bitVectorInput(new BitVectorInputLayer.Builder().spec(projection.spec()).build());
        }
    }

    /**
     * The sequence model: every token's bits ({@link TokenProjection}), {@code [mb, T*d, L]} with a {@code [mb, L]}
     * mask, {@code L} the longest text of the minibatch. A text's encoding is its {@code n} tokens' words only.
     */
    static final class Tokens extends TextProjectionInput {
        private final TokenProjection projection;
        private final TokenProjectionScratch scratch;
        private final long[] buffer;
        private final TextSettings text;

        Tokens(TokenProjection projection, TextSettings text) {
            this.projection = projection;
            this.scratch = projection.newScratch();
            this.buffer = new long[projection.maxTokens() * projection.numWords()];
            this.text = text;
        }

        @Override
        long[] encode(String value) {
            int n = projection.project(value, scratch, buffer);
            return Arrays.copyOf(buffer, n * projection.numWords());
        }

        @Override
        INDArray[] inputAndMask(List<long[]> rows) {
            int[] counts = new int[rows.size()];
            for (int r = 0; r < counts.length; r++) {
                counts[r] = rows.get(r).length / projection.numWords();
            }
            TokenBitsBatch batch = TokenBitsBatch.of(rows, counts, projection.numBits());
            return new INDArray[] {batch.features(), batch.mask()};
        }

        @Override
        void addTo(JointProjectionModel.Builder builder) {
            builder.tokenBitsInput(new TokenBitsInputLayer.Builder().spec(projection.spec())
                    .maxTokens(projection.maxTokens()).build())
                    .sequenceEncoder(text.bottleneck(), text.convWidth(), text.convChannels());
        }
    }
}
