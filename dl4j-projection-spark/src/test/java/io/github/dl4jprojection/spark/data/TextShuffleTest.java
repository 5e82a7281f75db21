package io.github.dl4jprojection.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A file grouped by class (all ham, then all spam, as corpora often come) still gives mixed minibatches once
 * shuffled; the order depends on the seed only, and no text is lost or repeated.
 */
class TextShuffleTest {

    @Test
    void shuffledLinesMixTheClassesOfASortedFileInEveryMinibatch(@TempDir Path dir) throws Exception {
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            tsv.append(i < 200 ? "ham" : "spam").append('\t').append("text ").append(i).append('\n');
        }
        Path file = Files.write(dir.resolve("sorted.tsv"), tsv.toString().getBytes(StandardCharsets.UTF_8));
        JavaRDD<SourceLine> lines = TextBatches.lines(LocalSpark.context(), file.toString(), 2);
        TextEncoding encoding = new TextEncoding(FeaturizerConfig.defaults(),
                ProjectionSpec.builder().numFunctions(2).bitsPerFunction(8).seed(1).build(), 8,
                Arrays.asList("ham", "spam"));

        List<MultiDataSet> batches = TextBatches.batches(TextBatches.shuffled(lines, 3, 2), encoding, 20).collect();
        int examples = 0;
        double hamTotal = 0;
        for (MultiDataSet batch : batches) {
            float[][] y = batch.getLabels(0).toFloatMatrix();
            double ham = 0;
            for (float[] row : y) {
                ham += row[0];
            }
            assertTrue(ham > 0 && ham < y.length, "a minibatch of both classes, got " + ham + " ham of " + y.length);
            examples += y.length;
            hamTotal += ham;
        }
        assertEquals(400, examples, "every text once");
        assertEquals(200.0, hamTotal, "every ham text once");

        List<Long> order = TextBatches.shuffled(lines, 3, 2).map(SourceLine::byteOffset).collect();
        assertEquals(order, TextBatches.shuffled(lines, 3, 2).map(SourceLine::byteOffset).collect(), "same seed");
        assertNotEquals(order, TextBatches.shuffled(lines, 4, 2).map(SourceLine::byteOffset).collect(), "other seed");
    }
}
