package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDataSetIteratorTest {

    private final ImageDataset data = TestImages.synthetic(10, 3, 2, 4);

    /** The image index of each row, recovered by matching pixels (images of this data set are distinct). */
    private int[] rowsToImages(INDArray features, float scale) {
        int[] images = new int[(int) features.rows()];
        float[] row = new float[data.pixelsPerImage()];
        for (int r = 0; r < images.length; r++) {
            images[r] = -1;
            for (int i = 0; i < data.size(); i++) {
                data.copyPixels(i, row, 0, scale);
                if (Arrays.equals(row, features.getRow(r).toFloatVector())) {
                    images[r] = i;
                }
            }
        }
        return images;
    }

    private List<Integer> epochOrder(ImageDataSetIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            for (int i : rowsToImages(it.next().getFeatures(), 1f)) {
                order.add(i);
            }
        }
        return order;
    }

    @Test
    void minibatchesHaveFlatFeaturesAndOneHotLabels() {
        ImageDataSetIterator it = ImageDataSetIterator.builder(data).batchSize(4).build();

        assertEquals(6, it.inputColumns());
        assertEquals(4, it.totalOutcomes());
        assertEquals(3, it.batchesPerEpoch());
        assertEquals(data.labelNames(), it.getLabels());
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 6}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 4}, first.getLabels().shape());
        assertEquals(DataType.FLOAT, first.getFeatures().dataType());
        for (int r = 0; r < 4; r++) {
            float[] oneHot = first.getLabels().getRow(r).toFloatVector();
            float[] expected = new float[4];
            expected[data.label(r)] = 1f;
            assertArrayEquals(expected, oneHot);
            for (int p = 0; p < 6; p++) {
                assertEquals(data.pixel(r, p), first.getFeatures().getFloat(r, p));
            }
        }
        it.next();
        DataSet last = it.next();
        assertEquals(2, last.getFeatures().rows(), "the last minibatch holds the rest");
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void unitScalingDividesBy255() {
        DataSet ds = ImageDataSetIterator.builder(data).batchSize(10).scaling(PixelScaling.UNIT).build().next();
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < 6; p++) {
                assertEquals(data.pixel(i, p) / 255f, ds.getFeatures().getFloat(i, p), 1e-7f);
            }
        }
    }

    @Test
    void shuffledEpochsArePermutationsThatDependOnlyOnSeedAndEpoch() {
        ImageDataSetIterator a = ImageDataSetIterator.builder(data).batchSize(3).shuffle(7).build();
        ImageDataSetIterator b = ImageDataSetIterator.builder(data).batchSize(3).shuffle(7).build();

        List<Integer> a0 = epochOrder(a);
        List<Integer> sorted = new ArrayList<>(a0);
        sorted.sort(null);
        assertEquals(Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted, "every image exactly once");
        assertEquals(a0, epochOrder(b), "same seed, same order");

        a.reset();
        a.reset(); // resetting an untouched epoch does not skip one
        assertEquals(1, a.epoch());
        List<Integer> a1 = epochOrder(a);
        assertNotEquals(a0, a1, "a new order every epoch");

        ImageDataSetIterator resumed = ImageDataSetIterator.builder(data).batchSize(3).shuffle(7).build();
        resumed.setEpoch(1);
        assertEquals(a1, epochOrder(resumed), "setEpoch reproduces an epoch, for resumed training");

        ImageDataSetIterator other = ImageDataSetIterator.builder(data).batchSize(3).shuffle(8).build();
        assertNotEquals(a0, epochOrder(other), "another seed, another order");
    }

    @Test
    void withoutShufflingEveryEpochIsInOrder() {
        ImageDataSetIterator it = ImageDataSetIterator.builder(data).batchSize(4).build();
        List<Integer> inOrder = Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(inOrder, epochOrder(it));
        it.reset();
        assertEquals(inOrder, epochOrder(it));
    }

    @Test
    void preProcessorIsApplied() {
        ImageDataSetIterator it = ImageDataSetIterator.builder(data).batchSize(2).build();
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertEquals(2f * data.pixel(0, 1), it.next().getFeatures().getFloat(0, 1));
    }

    @Test
    void builderRejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDataSetIterator.builder(data).batchSize(0).build());
        assertTrue(e.getMessage().startsWith("batchSize"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageDataSetIterator.builder(null).build())
                .getMessage().startsWith("data"));
    }
}
