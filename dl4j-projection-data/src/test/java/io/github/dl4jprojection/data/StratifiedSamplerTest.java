package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedSamplerTest {

    private static int[] labels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7 + i / 3) % classes;
        }
        return labels;
    }

    @Test
    void takesTheSameNumberFromEveryClassInAscendingOrder() {
        int[] labels = labels(500, 4);
        int[] chosen = StratifiedSampler.select(labels, 4, 20, 1);

        assertEquals(80, chosen.length);
        int[] counts = new int[4];
        for (int k = 0; k < chosen.length; k++) {
            counts[labels[chosen[k]]]++;
            if (k > 0) {
                assertTrue(chosen[k] > chosen[k - 1], "ascending and distinct");
            }
        }
        assertArrayEquals(new int[] {20, 20, 20, 20}, counts);
    }

    @Test
    void isDeterministicPerSeed() {
        int[] labels = labels(500, 4);
        assertArrayEquals(StratifiedSampler.select(labels, 4, 20, 1), StratifiedSampler.select(labels, 4, 20, 1));
        assertFalse(Arrays.equals(StratifiedSampler.select(labels, 4, 20, 1),
                StratifiedSampler.select(labels, 4, 20, 2)));
    }

    @Test
    void classWithTooFewImagesIsRejected() {
        int[] labels = {0, 0, 0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSampler.select(labels, 2, 2, 1));
        assertTrue(e.getMessage().startsWith("perClass: class 1 has only 1"), e.getMessage());
    }
}
