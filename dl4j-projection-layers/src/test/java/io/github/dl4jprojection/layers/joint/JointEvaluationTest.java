package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

@ExtendWith(SingleThreadedNd4j.class)
class JointEvaluationTest {

    /** The summary leads with both branches' accuracy and F1, then holds each branch's full DL4J statistics. */
    @Test
    void toStringSummarizesBothBranchesThenGivesTheirStatistics() {
        DataSet data = new Blobs(TestModels.N_IN, TestModels.K, 2.0).sample(30, 4, DataType.FLOAT);
        JointProjectionModel model = TestModels.smallFromScratch(DataType.FLOAT)
                .labelNames("red", "green", "blue").build();
        model.fit(Blobs.iterator(data, 10), 2);
        JointEvaluation evaluation = model.evaluate(Blobs.iterator(data, 10));

        String text = evaluation.toString();
        List<String> lines = Arrays.asList(text.split("\\R"));
        assertEquals("30 examples", lines.get(0));
        assertEquals(String.format(Locale.ROOT, "trainer     accuracy %.4f, F1 %.4f", evaluation.trainer().accuracy(),
                evaluation.trainer().f1()), lines.get(1));
        assertEquals(String.format(Locale.ROOT, "projection  accuracy %.4f, F1 %.4f",
                evaluation.projection().accuracy(), evaluation.projection().f1()), lines.get(2));
        int trainerStats = text.indexOf(evaluation.trainer().stats());
        int projectionStats = text.lastIndexOf(evaluation.projection().stats());
        assertTrue(trainerStats > 0 && projectionStats > trainerStats, text);
        assertTrue(text.contains("green"), "the statistics name the classes: " + text);
    }
}
