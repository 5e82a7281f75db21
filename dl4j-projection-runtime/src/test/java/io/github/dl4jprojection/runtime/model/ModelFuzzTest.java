package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid files many thousands of times and loads each mutant: a mutant must either load as
 * a valid, usable model or be rejected with a {@link ModelFormatException}; never another exception,
 * an out-of-memory error or a hang. Half of the mutants are resealed (length and CRC rewritten), or
 * the checksum alone would reject nearly all of them and the content rules would go untested.
 */
class ModelFuzzTest {

    private static final int MUTANTS_PER_SEED_MODEL = 6000;
    private static final int[] INTERESTING = {0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 127, 128, 255, 256, 65535, 65536,
        65537, 1 << 20, (1 << 20) + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0x7FC00000, 0x7F800000};

    @Test
    void mutatedFilesLoadOrFailWithModelFormatExceptionOnly() {
        byte[][] seeds = {
            ModelWriter.toBytes(TestModels.smallDense(1)),
            ModelWriter.toBytes(TestModels.quantized(TestModels.smallDense(2))),
            ModelWriter.toBytes(TestModels.smallFeatures(3)),
            ModelWriter.toBytes(PatchModels.small(4)),
            ModelWriter.toBytes(PatchModels.quantized(PatchModels.small(5))),
        };
        Random random = new Random(20240501L);
        Map<ModelFormatException.Problem, Integer> seen = new EnumMap<>(ModelFormatException.Problem.class);
        int loaded = 0;
        for (int s = 0; s < seeds.length; s++) {
            for (int m = 0; m < MUTANTS_PER_SEED_MODEL; m++) {
                byte[] mutant = mutate(seeds[s], random);
                if (random.nextBoolean()) {
                    ModelBytes.resealed(mutant);
                }
                try {
                    ProjectionModel model = ProjectionModel.load(mutant);
                    exercise(model);
                    loaded++;
                } catch (ModelFormatException e) {
                    seen.merge(e.problem(), 1, Integer::sum);
                    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
                } catch (Throwable t) {
                    fail("seed model " + s + ", mutant " + m + " (" + mutant.length + " bytes): " + t, t);
                }
            }
        }
        // The mutations reach every kind of rule, and some mutants (e.g. a changed weight) stay valid.
        for (ModelFormatException.Problem p : ModelFormatException.Problem.values()) {
            assertTrue(seen.containsKey(p), "no mutant hit " + p + "; seen " + seen);
        }
        assertTrue(loaded > 0, "no mutant loaded");
        assertEquals(seeds.length * MUTANTS_PER_SEED_MODEL, loaded + sum(seen));
    }

    /**
     * Small files with valid checksums whose header sizes ask for big load-time tables: each loads with
     * its projection tables within {@link LshProjection#MAX_TABLE_BYTES} (docs/FORMAT.md section 6), or
     * is refused naming the limit. The first is the 2,152-byte file that once made a reader keep 210 MB.
     */
    @Test
    void hostileSizesWithValidChecksumsStayWithinTheLoadBound() throws ModelFormatException {
        int[][] cases = { // T, d, sparsityLog2, nIn
            {4, 64, 2, 1 << 20}, {1024, 64, 2, 1 << 12}, {8, 8, 2, 1 << 20}, {1, 1, 0, 1 << 20}, {5, 64, 2, 1 << 20},
        };
        for (int[] c : cases) {
            ProjectionSpec spec = TestModels.spec(c[0], c[1], 7, 1.0 / (1 << c[2]));
            byte[] bytes = ModelWriter.toBytes(TestModels.denseBuilder(7, InputSpec.dense(1), spec,
                    BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], 2).build());
            ModelBytes.putU32(bytes, ModelBytes.CONTENT + 20, c[3]);
            ModelBytes.resealed(bytes);
            long maskBytes = 16L * c[3] * spec.numWords();
            String name = Arrays.toString(c) + " (" + bytes.length + " bytes)";
            if (maskBytes > LshProjection.MAX_TABLE_BYTES) {
                ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(bytes));
                assertEquals(ModelFormatException.Problem.SIZE_OUT_OF_RANGE, e.problem(), name);
                assertTrue(e.getMessage().contains("exceeds " + PnetFormat.MAX_PROJECTION_MASK_WORDS), e.getMessage());
                continue;
            }
            ProjectionModel model = ProjectionModel.load(bytes);
            exercise(model);
            long tables = LshProjection.forDenseInput(model.projectionSpec(), model.input().nIn()).tableBytes();
            assertTrue(tables >= maskBytes && tables <= LshProjection.MAX_TABLE_BYTES, name + ": " + tables + " bytes");
        }
    }

    private static int sum(Map<ModelFormatException.Problem, Integer> counts) {
        int total = 0;
        for (int c : counts.values()) {
            total += c;
        }
        return total;
    }

    /** A model that loads must also predict without error. */
    private static void exercise(ProjectionModel model) {
        float[] p = new float[model.numLabels()];
        if (model.input().kind() == InputKind.DENSE) {
            float[] x = new float[model.input().nIn()];
            Arrays.fill(x, 1f);
            model.scores(x, p);
        } else {
            model.scoresFeatures(new long[] {1, 2, 3}, new float[] {1, 1, 1}, 3, p);
        }
        for (float v : p) {
            assertTrue(v >= 0f && v <= 1f, "probability " + v);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int kind = random.nextInt(7);
        switch (kind) {
            case 0: {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int p = random.nextInt(b.length);
                    b[p] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 1:
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                return b;
            case 2: {
                int p = random.nextInt(b.length - 3) & ~3;
                ModelBytes.putU32(b, p, INTERESTING[random.nextInt(INTERESTING.length)]);
                return b;
            }
            case 3: {
                int p = random.nextInt(b.length - 3);
                ModelBytes.putU32(b, p, INTERESTING[random.nextInt(INTERESTING.length)]);
                return b;
            }
            case 4:
                return Arrays.copyOf(b, random.nextInt(b.length));
            case 5: {
                int p = random.nextInt(b.length);
                int n = 1 + random.nextInt(8);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, p);
                for (int i = 0; i < n; i++) {
                    out[p + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(b, p, out, p + n, b.length - p);
                return out;
            }
            default: {
                int p = random.nextInt(b.length);
                int n = Math.min(1 + random.nextInt(8), b.length - p);
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(b, p + n, out, p, b.length - p - n);
                return out;
            }
        }
    }
}
