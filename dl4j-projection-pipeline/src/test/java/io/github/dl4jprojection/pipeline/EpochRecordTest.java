package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpochRecordTest {

    @Test
    void aCheckpointLineReadsBackExactly() {
        EpochRecord r = new EpochRecord(3, 1.2345678901234567, 0.788, 0.726, 1.226889846);
        EpochRecord back = EpochRecord.parse(r.toLine());
        assertEquals(3, back.epoch());
        assertEquals(r.meanLoss(), back.meanLoss());
        assertEquals(r.trainerAccuracy(), back.trainerAccuracy());
        assertEquals(r.projectionAccuracy(), back.projectionAccuracy());
        assertEquals(r.seconds(), back.seconds());
        EpochRecord noLoss = EpochRecord.parse(new EpochRecord(1, Double.NaN, 0.5, 0.5, 0).toLine());
        assertFalse(noLoss.hasMeanLoss());
        assertTrue(r.hasMeanLoss());
    }

    @Test
    void valuesOutOfRangeAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EpochRecord(0, 1, 0.5, 0.5, 1))
                .getMessage().startsWith("epoch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EpochRecord(1, 1, 1.5, 0.5, 1))
                .getMessage().startsWith("trainerAccuracy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EpochRecord(1, 1, 0.5, Double.NaN, 1))
                .getMessage().startsWith("projectionAccuracy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EpochRecord(1, 1, 0.5, 0.5, -1))
                .getMessage().startsWith("seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EpochRecord.parse("1,2,3"))
                .getMessage().contains("5 comma-separated values"));
    }
}
