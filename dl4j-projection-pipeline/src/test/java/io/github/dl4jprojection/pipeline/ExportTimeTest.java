package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SOURCE_DATE_EPOCH: unset means no time (reproducible bytes), whole seconds a time, anything else an error. */
class ExportTimeTest {

    @Test
    void parsesWholeSecondsAndRefusesTheRest() {
        assertNull(ExportTime.parse(null));
        assertNull(ExportTime.parse(""));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), ExportTime.parse(" 1700000000 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTime.parse("notanumber"));
        assertTrue(e.getMessage().startsWith("SOURCE_DATE_EPOCH must be whole seconds since 1970, got \"notanumber\""),
                e.getMessage());
    }
}
