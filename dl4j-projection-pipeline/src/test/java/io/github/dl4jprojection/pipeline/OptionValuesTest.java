package io.github.dl4jprojection.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of the values given on the command line: T:d, l1,l2,l3, density, trainer, quantization. */
class OptionValuesTest {

    private static void assertRejected(Runnable parse, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void projectionBits() {
        ProjectionBits bits = ProjectionBits.parse(" 60:12 ");
        assertEquals(60, bits.numFunctions());
        assertEquals(12, bits.bitsPerFunction());
        assertEquals(720, bits.totalBits());
        assertEquals("60:12", bits.toString());
        assertRejected(() -> ProjectionBits.parse("60x12"), "bits must be T:d");
        assertRejected(() -> ProjectionBits.parse("a:b"), "bits must be T:d with integers");
        assertRejected(() -> ProjectionBits.parse("0:12"), "T (number of projection functions)");
        assertRejected(() -> ProjectionBits.parse("4:0"), "d (bits per projection function)");
        assertRejected(() -> ProjectionBits.parse("70000:2"), "T*d must be at most");
    }

    @Test
    void lossWeights() {
        LossWeights w = LossWeights.parse("1.0, 0.1 ,1");
        assertEquals(1.0, w.trainer());
        assertEquals(0.1, w.distillation());
        assertEquals(1.0, w.projection());
        assertEquals(LossWeights.PAPER_DEFAULTS, w);
        assertRejected(() -> LossWeights.parse("1,0.1"), "lambda must be three weights");
        assertRejected(() -> LossWeights.parse("1,x,1"), "lambda must be three numbers");
        assertRejected(() -> LossWeights.parse("-1,0.1,1"), "l1 (trainer loss weight)");
        assertRejected(() -> LossWeights.parse("1,NaN,1"), "l2 (distillation loss weight)");
        assertRejected(() -> LossWeights.parse("1,0.1,Infinity"), "l3 (projection loss weight)");
        assertRejected(() -> LossWeights.parse("1,0,0"), "l2 and l3 must not both be 0");
    }

    @Test
    void projectionDensity() {
        assertEquals(2, ProjectionDensity.parse("1/4").sparsityLog2());
        assertEquals(2, ProjectionDensity.parse("0.25").sparsityLog2());
        assertEquals(0, ProjectionDensity.parse("1").sparsityLog2());
        assertEquals("1/64", ProjectionDensity.parse("1/64").toString());
        assertRejected(() -> ProjectionDensity.parse("1/3"), "density must be one of");
        assertRejected(() -> ProjectionDensity.parse("1/128"), "density must be one of");
        assertRejected(() -> ProjectionDensity.parse("quarter"), "density must be one of");
    }

    @Test
    void trainerAndQuantizationNames() {
        assertEquals("cnn", Trainers.find("cnn", TaskKind.IMAGE).name());
        assertEquals("mlp", Trainers.find("MLP", TaskKind.IMAGE).name());
        assertEquals("bag-of-words mlp", Trainers.find("mlp", TaskKind.TEXT).description());
        assertRejected(() -> Trainers.find("rnn", TaskKind.IMAGE), "unknown trainer 'rnn'; image trainers: cnn, mlp");
        assertRejected(() -> Trainers.find("lstm", TaskKind.IMAGE),
                "trainer lstm does not train image models; image trainers: cnn, mlp");
        assertRejected(() -> Trainers.find("cnn", TaskKind.TEXT),
                "trainer cnn does not train text models; text trainers: mlp, lstm");
        assertEquals(ExportQuantization.INT8, ExportQuantization.fromCliName("int8"));
        assertEquals(ExportQuantization.INT8_FIXED, ExportQuantization.fromCliName("int8-fixed"));
        assertEquals("int8-fixed", ExportQuantization.INT8_FIXED.cliName());
        assertRejected(() -> ExportQuantization.fromCliName("int4"), "unknown quantization 'int4'");
    }
}
