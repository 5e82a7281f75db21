package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.WeightType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierSummaryTest {

    @TempDir
    Path dir;

    private static FrontierRow row(StudyMethod m, long seed, WeightType w, int bits, double accuracy) {
        return new FrontierRow("t", m, seed, w, bits, 0, 10, w == WeightType.INT8 ? 300 : 1000 + seed, accuracy,
                100 + seed, 2.0 * seed, 1, "java", "x");
    }

    /** Per method: the accuracies of seeds 1, 2, 3 at one point. */
    private static List<FrontierRow> point(int bits, WeightType w, double[]... accuracies) {
        StudyMethod[] methods = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED, StudyMethod.PROJECTION_ALONE,
            StudyMethod.PROJECTION_JOINT, StudyMethod.CNN_ALONE};
        List<FrontierRow> rows = new ArrayList<>();
        for (int m = 0; m < methods.length; m++) {
            for (int s = 0; s < accuracies[m].length; s++) {
                rows.add(row(methods[m], s + 1, w, bits, accuracies[m][s]));
            }
        }
        return rows;
    }

    @Test
    void seedsReduceToMeanSampleStdMinAndMax() {
        List<FrontierRow> rows = point(64, WeightType.FLOAT32, new double[] {0.5, 0.6, 0.7}, new double[] {0.5},
                new double[] {0.5}, new double[] {0.5}, new double[] {0.5});
        SeedSummary a = SeedSummary.of(rows).get(0);
        assertEquals(StudyMethod.MLP_ALONE, a.method());
        assertEquals(3, a.seeds());
        assertEquals(0.6, a.mean(), 1e-12);
        assertEquals(0.1, a.std(), 1e-12, "sqrt((0.01 + 0 + 0.01) / (3 - 1))");
        assertEquals(0.5, a.min());
        assertEquals(0.7, a.max());
        assertEquals(1002, a.exportedBytes(), 1e-9, "mean of 1001, 1002, 1003");
        assertEquals(102, a.macs(), 1e-9);
        assertEquals(4, a.microsPerExample(), 1e-9);
        assertEquals(0, SeedSummary.of(rows).get(1).std(), "one seed: no spread");
        assertEquals(5, SeedSummary.of(rows).size(), "one summary per method");
    }

    @Test
    void float32AndInt8AreSummarizedApart() {
        List<FrontierRow> rows = new ArrayList<>(point(64, WeightType.FLOAT32, new double[] {0.8, 0.8},
                new double[] {0.8}, new double[] {0.9}, new double[] {0.9}, new double[] {0.8}));
        rows.addAll(point(64, WeightType.INT8, new double[] {0.2, 0.4}, new double[] {0.8}, new double[] {0.9},
                new double[] {0.9}, new double[] {0.8}));
        List<SeedSummary> s = SeedSummary.of(rows);
        assertEquals(10, s.size());
        assertEquals(0.8, s.get(0).mean(), 1e-12);
        assertEquals(WeightType.INT8, s.get(5).weights());
        assertEquals(0.3, s.get(5).mean(), 1e-12);
        assertEquals(300, s.get(5).exportedBytes(), 1e-9);
    }

    @Test
    void marginsArePointsOfTheMeans() {
        List<FrontierRow> rows = new ArrayList<>(Arrays.asList(row(StudyMethod.TRAINER, 1, WeightType.FLOAT32, 0,
                0.99)));
        // 64 bits: best projection (d) 0.625 vs best baseline (e) 0.60: +2.50; (d) - (c) = +2.50.
        rows.addAll(point(64, WeightType.FLOAT32, new double[] {0.50, 0.50}, new double[] {0.55, 0.55},
                new double[] {0.60, 0.60}, new double[] {0.60, 0.65}, new double[] {0.60, 0.60}));
        // 128 bits: best projection (c) 0.75 vs (a) 0.80: -5.00; (d) - (c) = -5.00.
        rows.addAll(point(128, WeightType.FLOAT32, new double[] {0.80}, new double[] {0.70}, new double[] {0.75},
                new double[] {0.70}, new double[] {0.70}));
        String table = FrontierSummary.markdown(rows);
        assertTrue(table.contains("| 62.50 ± 3.54 % | 60.00 ± 0.00 % | +2.50 | +2.50 |"), table);
        assertTrue(table.contains("| 70.00 ± 0.00 % | 70.00 ± 0.00 % | -5.00 | -5.00 |"), table);
        assertTrue(table.contains("at or above every baseline at 1 of 2 points (float32)."), table);
        assertTrue(!table.contains("int8, mean"), "no int8 rows, no int8 table: " + table);
        assertTrue(table.contains("| 64 | 0 | 102 / 3.0 | 102 / 3.0 | 102 / 3.0 |"), "MACs / us: " + table);
    }

    @Test
    void sketchNetworksHaveTheirOwnColumnsAndTheirOwnCount() {
        List<FrontierRow> rows = new ArrayList<>();
        // 64 bits: (a) 0.70, (c) 0.80, (f) 0.60, (g) 0.65: bag +10.00, sketch -5.00.
        rows.add(row(StudyMethod.MLP_ALONE, 1, WeightType.FLOAT32, 64, 0.70));
        rows.add(row(StudyMethod.PROJECTION_ALONE, 1, WeightType.FLOAT32, 64, 0.80));
        rows.add(row(StudyMethod.SKETCH_ALONE, 1, WeightType.FLOAT32, 64, 0.60));
        rows.add(row(StudyMethod.SKETCH_JOINT, 1, WeightType.FLOAT32, 64, 0.65));
        // 128 bits, no projection network: (a) 0.70, (f) 0.75: sketch +5.00.
        rows.add(row(StudyMethod.MLP_ALONE, 1, WeightType.FLOAT32, 128, 0.70));
        rows.add(row(StudyMethod.SKETCH_ALONE, 1, WeightType.FLOAT32, 128, 0.75));
        String table = FrontierSummary.markdown(rows);
        assertTrue(table.contains("| (f) sketch alone | (g) sketch joint |")
                && table.contains("| best of (f), (g) - best of (a), (b), (e) |"), table);
        assertTrue(table.contains("| 60.00 ± 0.00 % | 65.00 ± 0.00 % |  | +10.00 | -5.00 |"), table);
        assertTrue(table.contains("| 75.00 ± 0.00 % | - |  |  | +5.00 |"), table);
        assertTrue(table.contains("A projection network (BAG family: (c) or (d)) is at or above every baseline at 1 of 1 "
                + "points (float32)."), table);
        assertTrue(table.contains("A sketch network (SKETCH family: (f) or (g)) is at or above every baseline at 1 of 2 "
                + "points (float32)."), table);
        assertTrue(table.contains("| (f), (g) sketch |") && table.contains("| 101 / 2.0 | - | 101 / 2.0 |"),
                "MACs / us of (f): " + table);
    }

    @Test
    void theCsvsReadBackAndTheSummaryHasOneLinePerModel() throws IOException {
        List<FrontierRow> rows = point(32, WeightType.INT8, new double[] {0.25, 0.75}, new double[] {0.5},
                new double[] {0.5}, new double[] {0.5}, new double[] {0.5});
        Path csv = dir.resolve("t-frontier.csv");
        FrontierCsv.write(rows, csv);
        List<FrontierRow> back = FrontierCsv.read(csv);
        assertEquals(rows.size(), back.size());
        assertEquals(WeightType.INT8, back.get(1).weights());
        assertEquals(2, back.get(1).seed());
        assertEquals(102, back.get(1).macs());
        assertEquals(4.0, back.get(1).microsPerExample(), 1e-9);

        Path summary = dir.resolve("t-frontier-summary.csv");
        FrontierCsv.writeSummary(SeedSummary.of(rows), summary);
        List<String> lines = Files.readAllLines(summary);
        assertEquals(FrontierCsv.SUMMARY_HEADER, lines.get(0));
        assertEquals(1 + 5, lines.size());
        assertEquals("t,mlp-alone,int8,32,0,2,10,300,0.5000,0.3536,0.2500,0.7500,102,3.000,x", lines.get(1));
    }
}
