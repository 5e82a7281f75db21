package io.github.dl4jprojection.runtime.internal.text;

import java.util.Arrays;

/**
 * Counts distinct feature hashes in order of first occurrence, keeping at most {@code capacity}
 * distinct ones (docs/TEXT.md, "Feature bag"): once full, occurrences of kept features still count
 * and new features are dropped.
 *
 * <p>An open-addressing table with linear probing, at most half full, indexed by the top bits of the
 * hash (already well mixed by XXH64). The table's layout never shows in the result, which is fixed
 * by the order of first occurrence. An epoch stamp per slot empties the table in O(1) per text.
 * Not thread-safe; never allocates after construction.
 */
final class FeatureCounter {

    final long[] keys;
    final int[] counts;
    int size;
    private final int[] slotIndex;
    private final int[] slotEpoch;
    private final int slotMask;
    private final int shift;
    private int epoch;

    FeatureCounter(int capacity) {
        this.keys = new long[capacity];
        this.counts = new int[capacity];
        int bits = 1;
        while ((1L << bits) < 2L * capacity) {
            bits++;
        }
        this.slotIndex = new int[1 << bits];
        this.slotEpoch = new int[1 << bits];
        this.slotMask = (1 << bits) - 1;
        this.shift = 64 - bits;
        reset();
    }

    void reset() {
        size = 0;
        epoch++;
        if (epoch == 0) {
            // After 2^32 texts the stamps would repeat: start over from an empty table.
            Arrays.fill(slotEpoch, 0);
            epoch = 1;
        }
    }

    void add(long key) {
        int s = (int) (key >>> shift);
        while (slotEpoch[s] == epoch) {
            int idx = slotIndex[s];
            if (keys[idx] == key) {
                counts[idx]++;
                return;
            }
            s = (s + 1) & slotMask;
        }
        if (size == keys.length) {
            return;
        }
        slotEpoch[s] = epoch;
        slotIndex[s] = size;
        keys[size] = key;
        counts[size] = 1;
        size++;
    }
}
