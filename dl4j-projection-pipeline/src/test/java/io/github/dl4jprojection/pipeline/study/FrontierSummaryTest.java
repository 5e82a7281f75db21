package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierSummaryTest {

    private static FrontierRow row(StudyMethod m, int bits, double accuracy) {
        return new FrontierRow("t", m, bits, 0, 10, 1000, accuracy, 1, "dl4j", "x");
    }

    @Test
    void marginIsJointMinusTheBestOtherMethodInPoints() {
        List<FrontierRow> rows = Arrays.asList(row(StudyMethod.TRAINER, 0, 0.99),
                row(StudyMethod.MLP_ALONE, 64, 0.50), row(StudyMethod.MLP_DISTILLED, 64, 0.55),
                row(StudyMethod.PROJECTION_ALONE, 64, 0.60), row(StudyMethod.PROJECTION_JOINT, 64, 0.625),
                row(StudyMethod.MLP_ALONE, 128, 0.80), row(StudyMethod.MLP_DISTILLED, 128, 0.70),
                row(StudyMethod.PROJECTION_ALONE, 128, 0.70), row(StudyMethod.PROJECTION_JOINT, 128, 0.75));
        String table = FrontierSummary.markdown(rows);
        assertTrue(table.contains("| 62.50 % | +2.50 |"), table);
        assertTrue(table.contains("| 75.00 % | -5.00 |"), table);
        assertTrue(table.contains("(d) is at or above (a), (b) and (c) at 1 of 2 points."), table);
    }
}
