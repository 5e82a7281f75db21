package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelBytes.CONTENT;
import static io.github.dl4jprojection.runtime.model.ModelBytes.putU32;
import static io.github.dl4jprojection.runtime.model.ModelBytes.resealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ModelFormatException.Problem;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per rule of docs/FORMAT.md: each broken file is rejected with its own problem and a
 * message that says what is wrong. Content offsets below follow the layout table of a DENSE model:
 * T at content 0, nIn at 20, image shape at 24, numLayers at 36, layer 0 at 40 (weights from 56).
 */
class ModelFormatErrorsTest {

    private static final byte[] GOOD = ModelWriter.toBytes(TestModels.smallDense(1));

    private static byte[] good() {
        return GOOD.clone();
    }

    private static ModelFormatException rejected(byte[] bytes, Problem problem, String messagePart) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(bytes));
        assertEquals(problem, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "expected '" + messagePart + "' in: " + e.getMessage());
        return e;
    }

    @Test
    void layoutOffsetsUsedByTheseTestsHold() throws Exception {
        ProjectionModel model = ProjectionModel.load(GOOD);
        assertEquals(8, GOOD[CONTENT] & 0xFF);
        assertEquals(12, GOOD[CONTENT + 20] & 0xFF);
        assertEquals(3, model.layers().size());
        assertEquals(3, GOOD[CONTENT + 36] & 0xFF);
        assertEquals(32, GOOD[CONTENT + 40] & 0xFF);
    }

    @Test
    void notAModel() {
        rejected(new byte[0], Problem.TRUNCATED, "0 bytes");
        rejected("hello, world, this is text!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Problem.BAD_MAGIC,
                "not a .pnet model");
        byte[] png = good();
        png[1] = 'X';
        rejected(png, Problem.BAD_MAGIC, "89 58 4e");
        rejected(Arrays.copyOf(GOOD, 10), Problem.TRUNCATED, "header");
    }

    @Test
    void unknownVersions() {
        int[] known = FormatVersions.versions();
        StringBuilder list = new StringBuilder(known.length == 1 ? "reads version " : "reads versions ");
        for (int i = 0; i < known.length; i++) {
            list.append(i == 0 ? "" : ", ").append(known[i]);
        }
        long next = PnetFormat.VERSION + 1L;
        byte[] newer = good();
        putU32(newer, 8, next);
        rejected(newer, Problem.UNSUPPORTED_VERSION, "version " + next + ";");
        rejected(newer, Problem.UNSUPPORTED_VERSION, list.toString());
        rejected(newer, Problem.UNSUPPORTED_VERSION, "needs a newer runtime");
        byte[] zero = good();
        putU32(zero, 8, 0);
        rejected(zero, Problem.UNSUPPORTED_VERSION, "version 0");
        byte[] negative = good();
        putU32(negative, 8, 0xFFFFFFFFL);
        rejected(negative, Problem.UNSUPPORTED_VERSION, "version 4294967295");
    }

    @Test
    void lengthAndChecksum() {
        rejected(Arrays.copyOf(GOOD, GOOD.length - 1), Problem.TRUNCATED, "only");
        rejected(Arrays.copyOf(GOOD, GOOD.length + 3), Problem.TRAILING_BYTES, "3 bytes follow");
        byte[] absurd = good();
        putU32(absurd, 12, 0xFFFFFFF0L);
        rejected(absurd, Problem.SIZE_OUT_OF_RANGE, "content length 4294967280");
        byte[] flipped = good();
        flipped[CONTENT + 100] ^= 0x10;
        rejected(flipped, Problem.CHECKSUM_MISMATCH, "corrupted");
        byte[] badCrc = good();
        badCrc[16] ^= 1;
        rejected(badCrc, Problem.CHECKSUM_MISMATCH, "checksum");
    }

    @Test
    void absurdDimensions() {
        byte[] t = good();
        putU32(t, CONTENT, 0);
        rejected(resealed(t), Problem.SIZE_OUT_OF_RANGE, "numFunctions (T) must be in [1, 65536], got 0");
        byte[] negative = good();
        putU32(negative, CONTENT, 0x80000000L);
        rejected(resealed(negative), Problem.SIZE_OUT_OF_RANGE, "got 2147483648");
        byte[] product = good();
        putU32(product, CONTENT, 65536);
        rejected(resealed(product), Problem.SIZE_OUT_OF_RANGE, "T * d");
        byte[] nIn = good();
        putU32(nIn, CONTENT + 20, 1 << 21);
        rejected(resealed(nIn), Problem.SIZE_OUT_OF_RANGE, "nIn must be in");
        byte[] shape = good();
        putU32(shape, CONTENT + 24, 5);
        rejected(resealed(shape), Problem.INVALID_VALUE, "image shape 5 x 4 x 1");
        byte[] layers = good();
        putU32(layers, CONTENT + 36, 1000);
        rejected(resealed(layers), Problem.SIZE_OUT_OF_RANGE, "numLayers");
        byte[] chain = good();
        putU32(chain, CONTENT + 40, 31);
        rejected(resealed(chain), Problem.INVALID_VALUE, "layer 0 nIn is 31 but its input has 32");
    }

    @Test
    void declaredSizesLargerThanTheFile() {
        byte[] wide = good();
        putU32(wide, CONTENT + 44, 60000);
        rejected(resealed(wide), Problem.SIZE_OUT_OF_RANGE, "declared size too large: layer 0 parameters");
        byte[] label = good();
        int at = ModelBytes.indexOf(label, "label-0") - 4;
        putU32(label, at, 60000);
        rejected(resealed(label), Problem.SIZE_OUT_OF_RANGE, "label 0");
        byte[] provenance = good();
        int count = ModelBytes.indexOf(provenance, ProvenanceKeys.LIBRARY_VERSION) - 8;
        putU32(provenance, count, 4000);
        rejected(resealed(provenance), Problem.SIZE_OUT_OF_RANGE, "provenance entries");
        rejected(resealed(Arrays.copyOf(GOOD, GOOD.length - 1)), Problem.SIZE_OUT_OF_RANGE, "\"training.seed\"");
        rejected(resealed(Arrays.copyOf(GOOD, GOOD.length - 2)), Problem.TRUNCATED, "length needs 4 bytes");
        rejected(resealed(Arrays.copyOf(GOOD, 30)), Problem.TRUNCATED, "remain");
    }

    @Test
    void invalidValues() {
        byte[] nan = good();
        putU32(nan, CONTENT + 56 + 4 * 7, Float.floatToRawIntBits(Float.NaN));
        rejected(resealed(nan), Problem.INVALID_VALUE, "layer 0: weights [1][1] is not finite: NaN");
        byte[] inf = good();
        putU32(inf, CONTENT + 56, Float.floatToRawIntBits(Float.POSITIVE_INFINITY));
        rejected(resealed(inf), Problem.INVALID_VALUE, "Infinity");
        // Version 2 gives version 1's reserved byte 19 a meaning: the model family (2, SKETCH, from version 4; 3,
        // PATCH, from version 5).
        byte[] family = good();
        family[CONTENT + 19] = 4;
        rejected(resealed(family), Problem.INVALID_VALUE, "model family must be in [0, 3], got 4");
        byte[] sketchOfPixels = good();
        sketchOfPixels[CONTENT + 19] = 2;
        rejected(resealed(sketchOfPixels), Problem.INVALID_VALUE, "a SKETCH model needs FEATURES (text) input");
        byte[] sequenceOfPixels = good();
        sequenceOfPixels[CONTENT + 19] = 1;
        rejected(resealed(sequenceOfPixels), Problem.INVALID_VALUE, "a SEQUENCE model needs FEATURES (text) input");
        byte[] function = good();
        function[CONTENT + 48] = 9;
        rejected(resealed(function), Problem.INVALID_VALUE, "unknown nonlinearity code 9");
        byte[] type = good();
        type[CONTENT + 49] = 7;
        rejected(resealed(type), Problem.INVALID_VALUE, "unknown weightType code 7");
        byte[] kind = good();
        kind[CONTENT + 18] = 2;
        rejected(resealed(kind), Problem.INVALID_VALUE, "unknown inputKind 2");
        byte[] sparsity = good();
        sparsity[CONTENT + 16] = 7;
        rejected(resealed(sparsity), Problem.INVALID_VALUE, "sparsityLog2");
        byte[] utf8 = good();
        utf8[ModelBytes.indexOf(utf8, "label-1") + 2] = (byte) 0xC3;
        rejected(resealed(utf8), Problem.INVALID_VALUE, "label 1 is not valid UTF-8");
        byte[] duplicate = good();
        duplicate[ModelBytes.indexOf(duplicate, "label-1") + 6] = '0';
        rejected(resealed(duplicate), Problem.INVALID_VALUE, "distinct");
        byte[] alpha = good();
        putU32(alpha, CONTENT + 52, Float.floatToRawIntBits(0.5f));
        rejected(resealed(alpha), Problem.INVALID_VALUE, "alpha must be 0 for RELU");
    }

    @Test
    void featurizerSectionIsValidatedToo() {
        byte[] bytes = ModelWriter.toBytes(TestModels.smallFeatures(2));
        byte[] version = bytes.clone();
        putU32(version, ModelBytes.indexOf(version, "test-featurizer") + 15, 0);
        rejected(resealed(version), Problem.SIZE_OUT_OF_RANGE, "featurizer version");
        byte[] dupKey = bytes.clone();
        int lowercase = ModelBytes.indexOf(dupKey, "lowercase");
        byte[] ngrams = "ngrams\u0000\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        putU32(dupKey, lowercase - 4, 6);
        System.arraycopy(ngrams, 0, dupKey, lowercase, 6);
        byte[] shifted = new byte[dupKey.length - 3];
        System.arraycopy(dupKey, 0, shifted, 0, lowercase + 6);
        System.arraycopy(dupKey, lowercase + 9, shifted, lowercase + 6, dupKey.length - lowercase - 9);
        rejected(resealed(shifted), Problem.INVALID_VALUE, "featurizer setting key \"ngrams\" appears twice");
    }

    @Test
    void invalidTextFeaturizerSettingsAreRejectedAtLoad() {
        byte[] bytes = ModelWriter.toBytes(TestModels.denseBuilder(4, InputSpec.features(FeaturizerConfig.defaults()
                .toSection()), TestModels.spec(4, 8, 4, 0.5), BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], 2)
                .build());
        // The value of maxCodePoints follows its key and the value's u32 length: "4096" becomes "0000", still decimal.
        int value = ModelBytes.indexOf(bytes, "maxCodePoints") + "maxCodePoints".length() + 4;
        byte[] zero = bytes.clone();
        System.arraycopy("0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, zero, value, 4);
        ModelFormatException e = rejected(resealed(zero), Problem.INVALID_VALUE, "maxCodePoints must be in [1, ");
        assertTrue(e.getMessage().contains("got 0") && e.getMessage().contains("sgnn-text"), e.getMessage());
    }

    @Test
    void streamsAndFiles(@TempDir Path dir) throws IOException {
        assertEquals(3, ProjectionModel.load(new ByteArrayInputStream(GOOD)).numLabels());
        ModelFormatException shortStream = assertThrows(ModelFormatException.class,
                () -> ProjectionModel.load(new ByteArrayInputStream(Arrays.copyOf(GOOD, GOOD.length - 5))));
        assertEquals(Problem.TRUNCATED, shortStream.problem());
        ModelFormatException longStream = assertThrows(ModelFormatException.class,
                () -> ProjectionModel.load(new ByteArrayInputStream(Arrays.copyOf(GOOD, GOOD.length + 1))));
        assertEquals(Problem.TRAILING_BYTES, longStream.problem());
        byte[] claimsHuge = Arrays.copyOf(GOOD, 40);
        putU32(claimsHuge, 12, PnetFormat.MAX_CONTENT_BYTES);
        assertEquals(Problem.TRUNCATED, assertThrows(ModelFormatException.class,
                () -> ProjectionModel.load(new ByteArrayInputStream(claimsHuge))).problem());
        InputStream slow = new ByteArrayInputStream(GOOD) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        assertEquals(3, ProjectionModel.load(slow).numLabels());

        Path missing = dir.resolve("missing.pnet");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> ProjectionModel.load(missing));
        assertTrue(none.getMessage().contains("missing.pnet") && none.getMessage().contains("no such model file"));
        assertTrue(assertThrows(NoSuchFileException.class, () -> ProjectionModel.load(dir)).getMessage()
                .contains("not a regular file"));
        Path corrupt = dir.resolve("corrupt.pnet");
        byte[] bad = good();
        bad[CONTENT + 3] ^= 1;
        Files.write(corrupt, bad);
        ModelFormatException fromFile = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(corrupt));
        assertEquals(Problem.CHECKSUM_MISMATCH, fromFile.problem());
        assertTrue(fromFile.getMessage().startsWith(corrupt.toString()), fromFile.getMessage());
    }
}
