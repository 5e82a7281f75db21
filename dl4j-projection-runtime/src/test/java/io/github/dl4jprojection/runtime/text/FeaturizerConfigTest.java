package io.github.dl4jprojection.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void assertUnreadable(byte[] bytes, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeaturizerConfig.fromBytes(bytes));
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
    void bytesFollowTheDocumentedLayout() {
        FeaturizerConfig c = b().maxFeatures(1000).wordNgramMax(3).maxSkip(2).charNgrams(2, 5)
                .caseFold(false).weighting(FeatureWeighting.BINARY).hashSeed(0x1122334455667788L)
                .maxCodePoints(300).build();
        byte[] bytes = c.toBytes();
        assertEquals(32, bytes.length);
        assertArrayEquals(new byte[] {'P', 'N', 'T', 'F', 1, 0, 32, 0}, java.util.Arrays.copyOf(bytes, 8));
        assertArrayEquals(new byte[] {(byte) 0x2C, 1, 0, 0, (byte) 0xE8, 3, 0, 0}, java.util.Arrays.copyOfRange(bytes, 8, 16));
        assertArrayEquals(new byte[] {3, 2, 2, 5, 0, 1, 0, 0}, java.util.Arrays.copyOfRange(bytes, 16, 24));
        assertArrayEquals(new byte[] {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11},
                java.util.Arrays.copyOfRange(bytes, 24, 32));
    }

    @Test
    void roundTripsThroughBytes() {
        FeaturizerConfig[] configs = {
            FeaturizerConfig.defaults(),
            b().noCharNgrams().maxSkip(0).wordNgramMax(1).build(),
            b().wordNgramMax(0).maxSkip(0).charNgrams(2, 8).maxCodePoints(100).build(),
            b().caseFold(false).weighting(FeatureWeighting.BINARY).hashSeed(-1L).maxFeatures(1).build(),
            b().maxCodePoints(FeaturizerConfig.MAX_CAP).noCharNgrams().maxFeatures(FeaturizerConfig.MAX_CAP).build(),
        };
        for (FeaturizerConfig c : configs) {
            FeaturizerConfig back = FeaturizerConfig.fromBytes(c.toBytes());
            assertEquals(c, back);
            assertEquals(c.hashCode(), back.hashCode());
            assertEquals(c.toString(), back.toString());
            assertEquals(c, c.toBuilder().build());
        }
    }

    @Test
    void readsFromInsideALargerArray() {
        FeaturizerConfig c = b().hashSeed(42).build();
        byte[] file = new byte[100];
        System.arraycopy(c.toBytes(), 0, file, 17, 32);
        assertEquals(c, FeaturizerConfig.fromBytes(file, 17, 32));
        assertThrows(IllegalArgumentException.class, () -> FeaturizerConfig.fromBytes(file, 80, 32));
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

    @Test
    void fromBytesRejectsDamagedRecords() {
        byte[] good = FeaturizerConfig.defaults().toBytes();

        assertUnreadable(java.util.Arrays.copyOf(good, 5), "truncated");
        assertUnreadable(java.util.Arrays.copyOf(good, 31), "truncated", "31");
        assertUnreadable(java.util.Arrays.copyOf(good, 33), "too long", "33");

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertUnreadable(magic, "not a featurizer config", "magic");

        byte[] version = good.clone();
        version[4] = 2;
        assertUnreadable(version, "version 2", "reads version 1");

        byte[] length = good.clone();
        length[6] = 40;
        assertUnreadable(length, "length 40");

        byte[] flags = good.clone();
        flags[20] = 3;
        assertUnreadable(flags, "flags");

        byte[] reserved = good.clone();
        reserved[23] = 1;
        assertUnreadable(reserved, "reserved");

        byte[] weighting = good.clone();
        weighting[21] = 7;
        assertUnreadable(weighting, "weighting", "7");

        byte[] skip = good.clone();
        skip[17] = 9;
        assertUnreadable(skip, "maxSkip", "9");

        byte[] huge = good.clone();
        huge[11] = (byte) 0x80; // maxCodePoints 2^31 + 4096, unsigned: rejected by range, not read as negative
        assertUnreadable(huge, "maxCodePoints", "2147487744");

        assertUnreadable(null, "null");
    }
}
