package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.joint.TokenBitsBatch;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
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
 * runtime's reference code encodes every text once (packed bits; for the sketch, its non-zero values), and a
 * minibatch of encoded texts becomes the branch's graph input (and its mask). Not thread-safe (one scratch per
 * instance).
 */
abstract class TextProjectionInput {

    /** The family's input for the configuration: the bag's, the sequence model's or the sketch model's. */
    static TextProjectionInput of(TrainingConfig config) {
        TextSettings text = config.text();
        if (text.model() == ProjectionFamily.SKETCH) {
            return new Sketch(new SketchProjection(text.featurizer(), text.buckets(), config.seed()));
        }
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

    /** The encoded form of one text (its packed bits, or for the sketch its sparse values). */
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

    /**
     * The sketch model: the text's {@link SketchProjection} values, {@code [mb, B]}. A text is kept sparse, one
     * {@code long} per non-zero bucket {@code b} in increasing order, {@code b} in the high 32 bits and the float's
     * bits in the low 32 ({@code B} floats per text would be hundreds of MB for a corpus at {@code B = 16384}, where
     * a text has a few hundred distinct features); the minibatch is made dense again, bit for bit the same values.
     */
    static final class Sketch extends TextProjectionInput {
        private final SketchProjection projection;
        private final SketchProjection.Scratch scratch;
        private final float[] values;

        Sketch(SketchProjection projection) {
            this.projection = projection;
            this.scratch = projection.newScratch();
            this.values = new float[projection.buckets()];
        }

        @Override
        long[] encode(String text) {
            projection.project(text, scratch, values, 0);
            int nonZero = 0;
            for (float v : values) {
                nonZero += v != 0f ? 1 : 0;
            }
            long[] sparse = new long[nonZero];
            int k = 0;
            for (int b = 0; b < values.length; b++) {
                if (values[b] != 0f) {
                    sparse[k++] = (long) b << 32 | Float.floatToRawIntBits(values[b]) & 0xFFFFFFFFL;
                }
            }
            return sparse;
        }

        @Override
        INDArray[] inputAndMask(List<long[]> rows) {
            int buckets = projection.buckets();
            float[] x = new float[rows.size() * buckets];
            for (int r = 0; r < rows.size(); r++) {
                for (long entry : rows.get(r)) {
                    x[r * buckets + (int) (entry >>> 32)] = Float.intBitsToFloat((int) entry);
                }
            }
            return new INDArray[] {Nd4j.create(x, new long[] {rows.size(), buckets}, 'c'), null};
        }

        @Override
        void addTo(JointProjectionModel.Builder builder) {
            builder.sketchInput(new SketchInputLayer.Builder().sketch(projection).build());
        }
    }
}
