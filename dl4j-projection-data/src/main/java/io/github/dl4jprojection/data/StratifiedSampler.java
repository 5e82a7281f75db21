package io.github.dl4jprojection.data;

import java.util.Arrays;

/**
 * Deterministic stratified sampling: the same number of images from every class, chosen by a
 * seeded shuffle, returned in their original order (so a sample keeps the source's class mix
 * from position to position).
 *
 * <p>Per class {@code c}, the indices of its images are shuffled by Fisher-Yates with random
 * numbers {@code SplitMix64.output(seed + c, k)} and the first {@code perClass} are kept. The result
 * depends only on the labels, {@code perClass} and {@code seed}: not on the JVM.
 */
public final class StratifiedSampler {

    private StratifiedSampler() {
    }

    /**
     * @param labels     the class of each image, in {@code 0 .. numClasses-1}
     * @param numClasses the number of classes
     * @param perClass   how many images to keep per class
     * @param seed       the shuffle seed
     * @return the chosen indices, ascending
     * @throws IllegalArgumentException when a class has fewer than {@code perClass} images
     */
    public static int[] select(int[] labels, int numClasses, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be at least 1, got " + perClass);
        }
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("perClass: class " + c + " has only " + counts[c]
                        + " images, fewer than " + perClass);
            }
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        int[] chosen = new int[numClasses * perClass];
        for (int c = 0; c < numClasses; c++) {
            Shuffles.shuffle(byClass[c], seed + c);
            System.arraycopy(byClass[c], 0, chosen, c * perClass, perClass);
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
