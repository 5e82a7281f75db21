package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ByteBudgetTest {

    @Test
    void fixedInputPicksTheHiddenWidthNearestTheBudget() {
        // 784 -> w -> 10 costs 4 * (795 w + 10) bytes: 3 units = 9,580 bytes, 4 units = 12,760 bytes.
        assertEquals(3, ByteBudget.fixedInput(784, 10, 11_000).hidden());
        assertEquals(4, ByteBudget.fixedInput(784, 10, 11_300).hidden());
        assertEquals(1, ByteBudget.fixedInput(784, 10, 100).hidden(), "never below one unit");
        for (long bytes = 4_000; bytes < 600_000; bytes += 7_919) {
            MlpShape shape = ByteBudget.fixedInput(784, 10, bytes);
            assertTrue(Math.abs(shape.bytes() - bytes) <= 4 * 795 / 2 + 4, bytes + " -> " + shape);
        }
    }

    @Test
    void fixedHiddenPicksTheInputWidthNearestTheBudget() {
        // B -> 32 -> 2 costs 4 * (32 B + 32 + 64 + 2) bytes; B -> 2 costs 4 * (2 B + 2).
        assertEquals(new MlpShape(100, 32, 2).params(), ByteBudget.fixedHidden(32, 2, 4 * (32 * 100 + 98)).params());
        assertEquals(500, ByteBudget.fixedHidden(0, 2, 4 * (2 * 500 + 2)).nIn());
        assertEquals(1, ByteBudget.fixedHidden(32, 2, 10).nIn(), "never below one input");
    }

    @Test
    void paramsAreWhatTheDl4jStudentHas() {
        for (int hidden : new int[] {0, 7}) {
            MlpShape shape = new MlpShape(13, hidden, 3);
            StudentInput input = StudentInput.plain(Nd4j.zeros(DataType.FLOAT, 2, 13), Nd4j.zeros(DataType.FLOAT, 1, 13),
                    "zeros");
            StudentNetwork net = StudentNetwork.create(input, hidden, 3, false,
                    StudySettings.builder(TrainingConfig.builder(TaskKind.IMAGE).seed(5).build()).build());
            assertEquals(net.numParams(), shape.params(), shape.toString());
            assertEquals(4 * net.numParams(), shape.bytes());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ByteBudget.fixedInput(784, 10, 0))
                .getMessage().contains("bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MlpShape(0, 1, 2)).getMessage()
                .contains("nIn"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MlpShape(3, -1, 2)).getMessage()
                .contains("hidden"));
    }
}
