package io.github.dl4jprojection.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerConfigTest {

    private static FeaturizerConfig.Builder b() {
        return FeaturizerConfig.builder();
    }

    private static void assertRejected(FeaturizerConfig.Builder builder, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    private static void assertUnreadable(Map<String, String> settings, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeaturizerConfig.fromSettings(settings));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        FeaturizerConfig c = FeaturizerConfig.defaults();
        assertEquals(4096, c.maxCodePoints());
        assertEquals(4096, c.maxFeatures());
        assertEquals(2, c.wordNgramMax());
        assertEquals(1, c.maxSkip());
        assertEquals(3, c.charNgramMin());
        assertEquals(4, c.charNgramMax());
        assertTrue(c.caseFold());
        assertEquals(FeatureWeighting.COUNT, c.weighting());
        assertEquals(0L, c.hashSeed());
        assertEquals(4096L * (2 + 1 + 2 * 2), c.featureBound());
    }

    @Test
    void settingsFollowTheDocumentedNamesOrderAndSpelling() {
        FeaturizerConfig c = b().maxFeatures(1000).wordNgramMax(3).maxSkip(2).charNgrams(2, 5).caseFold(false)
                .weighting(FeatureWeighting.BINARY).hashSeed(-1234567890123L).maxCodePoints(300).build();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("maxCodePoints", "300");
        expected.put("maxFeatures", "1000");
        expected.put("wordNgramMax", "3");
        expected.put("maxSkip", "2");
        expected.put("charNgramMin", "2");
        expected.put("charNgramMax", "5");
        expected.put("caseFold", "false");
        expected.put("weighting", "BINARY");
        expected.put("hashSeed", "-1234567890123");
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(c.toSettings().entrySet()));
        assertEquals("0", b().noCharNgrams().build().toSettings().get("charNgramMax"));

        FeaturizerSection section = c.toSection();
        assertEquals("sgnn-text", section.kind());
        assertEquals(1, section.version());
        assertEquals(expected, section.settings());
    }

    @Test
    void roundTripsThroughSettingsAndSections() {
        FeaturizerConfig[] configs = {
            FeaturizerConfig.defaults(),
            b().noCharNgrams().maxSkip(0).wordNgramMax(1).build(),
            b().wordNgramMax(0).maxSkip(0).charNgrams(2, 8).maxCodePoints(100).build(),
            b().caseFold(false).weighting(FeatureWeighting.BINARY).hashSeed(Long.MIN_VALUE).maxFeatures(1).build(),
            b().maxCodePoints(FeaturizerConfig.MAX_CAP).noCharNgrams().maxFeatures(FeaturizerConfig.MAX_CAP)
                    .hashSeed(Long.MAX_VALUE).build(),
        };
        for (FeaturizerConfig c : configs) {
            FeaturizerConfig back = FeaturizerConfig.fromSection(c.toSection());
            assertEquals(c, back);
            assertEquals(c.hashCode(), back.hashCode());
            assertEquals(c.toString(), back.toString());
            assertEquals(c, c.toBuilder().build());
            Map<String, String> reversed = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(c.toSettings().keySet());
            Collections.reverse(keys);
            for (String k : keys) {
                reversed.put(k, c.toSettings().get(k));
            }
            assertEquals(c, FeaturizerConfig.fromSettings(reversed));
        }
    }

    @Test
    void equalityCoversEveryField() {
        FeaturizerConfig c = FeaturizerConfig.defaults();
        assertNotEquals(c, b().maxCodePoints(4095).build());
        assertNotEquals(c, b().maxFeatures(4095).build());
        assertNotEquals(c, b().wordNgramMax(1).build());
        assertNotEquals(c, b().maxSkip(2).build());
        assertNotEquals(c, b().charNgrams(3, 5).build());
        assertNotEquals(c, b().caseFold(false).build());
        assertNotEquals(c, b().weighting(FeatureWeighting.BINARY).build());
        assertNotEquals(c, b().hashSeed(1).build());
        assertFalse(c.equals(null));
    }

    @Test
    void builderRejectsBadValuesNamingTheParameter() {
        assertRejected(b().maxCodePoints(0), "maxCodePoints", "0");
        assertRejected(b().maxCodePoints(FeaturizerConfig.MAX_CAP + 1), "maxCodePoints");
        assertRejected(b().maxFeatures(0), "maxFeatures");
        assertRejected(b().maxFeatures(-5), "maxFeatures", "-5");
        assertRejected(b().wordNgramMax(4), "wordNgramMax", "4");
        assertRejected(b().wordNgramMax(-1), "wordNgramMax");
        assertRejected(b().maxSkip(5), "maxSkip", "5");
        assertRejected(b().charNgrams(1, 3), "charNgramMin", "charNgramMax");
        assertRejected(b().charNgrams(4, 3), "charNgramMin");
        assertRejected(b().charNgrams(2, 9), "charNgramMax");
        assertRejected(b().charNgrams(0, 3), "charNgramMin");
        assertRejected(b().weighting(null), "weighting");
        assertRejected(b().wordNgramMax(0).maxSkip(0).noCharNgrams(), "enable at least one");
        // 2^20 code points with 2 + 1 word features and 7 character n-gram lengths: 17 * 2^20 >= 2^24.
        assertRejected(b().maxCodePoints(FeaturizerConfig.MAX_CAP).charNgrams(2, 8), "maxCodePoints", "2^24");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(FeaturizerConfig.defaults().toSettings());
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    @Test
    void fromSettingsRejectsBadSettingsNamingThem() {
        assertUnreadable(with("maxFeatures", null), "missing", "maxFeatures");
        assertUnreadable(with("lowercase", "true"), "unknown featurizer setting 'lowercase'");
        assertUnreadable(with("maxSkip", "9"), "maxSkip", "9");
        assertUnreadable(with("maxSkip", " 1"), "maxSkip", "decimal");
        assertUnreadable(with("maxSkip", "+1"), "maxSkip", "decimal");
        assertUnreadable(with("maxSkip", "0x1"), "maxSkip", "decimal");
        assertUnreadable(with("maxCodePoints", "-1"), "maxCodePoints", "non-negative");
        assertUnreadable(with("maxCodePoints", "4294967296"), "maxCodePoints");
        assertUnreadable(with("hashSeed", "9223372036854775808"), "hashSeed", "64-bit");
        assertUnreadable(with("hashSeed", "12345678901234567890"), "hashSeed");
        assertUnreadable(with("caseFold", "TRUE"), "caseFold", "true or false");
        assertUnreadable(with("weighting", "count"), "weighting", "COUNT");
        assertUnreadable(with("charNgramMin", "1"), "charNgramMin");
        assertUnreadable(null, "null");
    }

    @Test
    void fromSectionRejectsOtherKindsAndVersions() {
        Map<String, String> settings = FeaturizerConfig.defaults().toSettings();
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> FeaturizerConfig.fromSection(FeaturizerSection.of("other-text", 1, settings)));
        assertTrue(kind.getMessage().contains("other-text"), kind.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> FeaturizerConfig.fromSection(FeaturizerSection.of("sgnn-text", 2, settings)));
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeaturizerConfig.fromSection(null));
    }
}
