package io.github.dl4jprojection.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextFeaturizerTest {

    private static final FeaturizerConfig EXAMPLE = FeaturizerConfig.builder()
            .wordNgramMax(2).maxSkip(1).charNgrams(3, 3).build();

    /** typeSeed and key as TEXT.md writes them, independently of the code under test. */
    private static long key(long hashSeed, int tag, String hexBytes) {
        long typeSeed = mix64(hashSeed + (tag + 1) * 0x9E3779B97F4A7C15L);
        return XxHash64.hash(hex(hexBytes), typeSeed);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static List<String> tokens(String text) {
        return new TextFeaturizer(FeaturizerConfig.defaults()).tokens(text);
    }

    private static List<String> list(String... s) {
        return Arrays.asList(s);
    }

    @Test
    void workedExampleOfTheDocument() {
        FeatureBag bag = new TextFeaturizer(EXAMPLE).featurize("Hi, Bob!");
        long[] expected = {
            key(0, 1, "68 69"),
            key(0, 16, "FF 68 69"),
            key(0, 16, "68 69 FF"),
            key(0, 1, "2C"),
            key(0, 2, "68 69 FF 2C"),
            key(0, 1, "62 6F 62"),
            key(0, 2, "2C FF 62 6F 62"),
            key(0, 9, "68 69 FF 62 6F 62"),
            key(0, 16, "FF 62 6F"),
            key(0, 16, "62 6F 62"),
            key(0, 16, "6F 62 FF"),
            key(0, 1, "21"),
            key(0, 2, "62 6F 62 FF 21"),
            key(0, 9, "2C FF 21"),
        };
        assertArrayEquals(expected, bag.keys());
        int[] ones = new int[14];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, bag.counts());
    }

    @Test
    void repeatedFeaturesAreCountedInOrderOfFirstOccurrence() {
        FeatureBag bag = new TextFeaturizer(EXAMPLE).featurize("la la la");
        assertArrayEquals(new long[] {
            key(0, 1, "6C 61"), key(0, 16, "FF 6C 61"), key(0, 16, "6C 61 FF"), key(0, 2, "6C 61 FF 6C 61"),
            key(0, 9, "6C 61 FF 6C 61")}, bag.keys());
        assertArrayEquals(new int[] {3, 3, 3, 2, 1}, bag.counts());
        assertEquals(12, bag.totalCount());
        assertArrayEquals(new float[] {3, 3, 3, 2, 1}, bag.weights());
    }

    @Test
    void trigramsSkipGramsAndLongerCharNgramsFollowTheDocument() {
        FeaturizerConfig c = FeaturizerConfig.builder().wordNgramMax(3).maxSkip(2).charNgrams(4, 5).hashSeed(-7).build();
        FeatureBag bag = new TextFeaturizer(c).featurize("a b c");
        List<Long> expected = new ArrayList<>();
        expected.add(key(-7, 1, "61"));
        expected.add(key(-7, 1, "62"));
        expected.add(key(-7, 2, "61 FF 62"));
        expected.add(key(-7, 1, "63"));
        expected.add(key(-7, 2, "62 FF 63"));
        expected.add(key(-7, 3, "61 FF 62 FF 63"));
        expected.add(key(-7, 9, "61 FF 63"));
        // One-letter words have 3 symbols "^x$": no 4- or 5-grams; skip k = 2 needs 4 tokens.
        List<Long> actual = new ArrayList<>();
        for (long k : bag.keys()) {
            actual.add(k);
        }
        assertEquals(expected, actual);

        FeatureBag word = new TextFeaturizer(c).featurize("abcd");
        assertArrayEquals(new long[] {
            key(-7, 1, "61 62 63 64"),
            key(-7, 16, "FF 61 62 63"), key(-7, 16, "61 62 63 64"), key(-7, 16, "62 63 64 FF"),
            key(-7, 16, "FF 61 62 63 64"), key(-7, 16, "61 62 63 64 FF")}, word.keys());
    }

    @Test
    void charNgramsCountCodePointsNotBytes() {
        FeaturizerConfig c = FeaturizerConfig.builder().wordNgramMax(0).maxSkip(0).charNgrams(3, 3).build();
        // "жё" is 4 UTF-8 bytes but 2 code points: symbols ^ ж ё $ give two 3-grams.
        FeatureBag bag = new TextFeaturizer(c).featurize("ЖЁ");
        assertArrayEquals(new long[] {key(0, 16, "FF D0 B6 D1 91"), key(0, 16, "D0 B6 D1 91 FF")}, bag.keys());
    }

    @Test
    void symbolsAreTokensOfTheirOwnAndGetNoCharNgrams() {
        assertEquals(list("hello", ",", "world", "!", "3", ".", "14", "don", "'", "t", "v1agra", "!", "!", "!"),
                tokens("Hello, World! 3.14 don't v1agra!!!"));
        assertEquals(list("e", "-", "mail", "$", "100", "_", "x", "@", "y"), tokens("e-mail $100 _x@y"));
        FeaturizerConfig charsOnly = FeaturizerConfig.builder().wordNgramMax(0).maxSkip(0).charNgrams(2, 3).build();
        assertEquals(0, new TextFeaturizer(charsOnly).featurize("!?, ...").size());
    }

    @Test
    void foldsLatinGreekAndCyrillicCase() {
        assertEquals(list("àéîõü", "ça", "œuvre", "ǆ", "ǆ"), tokens("ÀÉÎÕÜ ÇA ŒUVRE Ǆ ǅ"));
        assertEquals(list("σίσυφοσ", "σίσυφοσ", "αθήνα"), tokens("ΣΊΣΥΦΟΣ Σίσυφος ΑΘΉΝΑ"));
        assertEquals(list("привет", "мир", "ёж", "її"), tokens("ПРИВЕТ Мир ЁЖ ЇЇ"));
        assertEquals(list("μ", "s"), tokens("µ ſ")); // micro sign, long s
        assertEquals(list("ß", "strasse"), tokens("ß STRASSE")); // no full folding
        assertEquals(list("i̇stanbul".substring(0, 0) + "\u0130stanbul", "\u0131"), tokens("\u0130STANBUL \u0131"));
        FeaturizerConfig keepCase = FeaturizerConfig.builder().caseFold(false).build();
        assertEquals(list("Hello", "ΑΘΉΝΑ"), new TextFeaturizer(keepCase).tokens("Hello ΑΘΉΝΑ"));
    }

    @Test
    void foldedTextHasTheFeaturesOfLowercaseText() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        assertEquals(f.featurize("free money, ДЕНЬГИ бесплатно"), f.featurize("FREE Money, деньги БЕСПЛАТНО"));
    }

    @Test
    void otherScriptsFormWordsAndAreNotFolded() {
        assertEquals(list("中文", "שלום", "ա", "Ա"), tokens("中文 שלום ա Ա"));
        assertEquals(list("مرحبا", "؟"), tokens("مرحبا؟"));
    }

    @Test
    void emojiAreSymbolsAndInvisibleCharactersAreIgnored() {
        assertEquals(list("great", "\uD83D\uDC4D", "!"), tokens("great \uD83D\uDC4D\uD83C\uDFFD!")); // thumbs up, skin tone
        assertEquals(list("\uD83D\uDC68", "\uD83D\uDC69", "\uD83D\uDC67"),
                tokens("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")); // family ZWJ sequence
        assertEquals(list("software"), tokens("soft\u00ADware"));
        assertEquals(list("ab"), tokens("a\u200Db\uFE0F"));
        assertEquals(list("a", "b"), tokens("a\u200Bb")); // zero-width space separates
    }

    @Test
    void controlCharactersAreSpaces() {
        assertEquals(list("a", "b", "c", "dd", "e", "f", "g"), tokens("a\u0000b\u0007c\tdd\r\ne\u0085f\u001Fg\u007F"));
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        String fffd = "\uFFFD";
        assertEquals(list("a", fffd, "b"), tokens("a\uD800b"));
        assertEquals(list(fffd), tokens("\uDC00"));
        assertEquals(list("x", fffd), tokens("x\uDBFF"));
        assertEquals(list(fffd, fffd), tokens("\uDC00\uD800"));
        assertEquals(list("\uD83D\uDE00"), tokens("\uD83D\uDE00")); // a valid pair stays one code point
    }

    @Test
    void emptyAndBlankTextsHaveNoFeatures() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        FeaturizerScratch s = f.newScratch();
        for (String text : new String[] {"", " ", " \t\r\n\u00A0\u3000", "\u0000\u0001", "\u200D\uFE0F\u00AD"}) {
            assertEquals(0, f.featurize(text, s), "'" + text + "'");
            assertEquals(0, s.tokenCount());
        }
        assertEquals(0, f.featurize("").size());
    }

    @Test
    void rejectsNullTextAndForeignScratch() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> f.featurize(null, f.newScratch()));
        assertThrows(IllegalArgumentException.class, () -> f.featurize((CharSequence) null));
        assertThrows(IllegalArgumentException.class, () -> f.featurize("x", null));
        assertThrows(IllegalArgumentException.class, () -> f.tokens(null));
        assertThrows(IllegalArgumentException.class, () -> new TextFeaturizer(null));
        FeaturizerScratch other = new TextFeaturizer(FeaturizerConfig.builder().hashSeed(5).build()).newScratch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.featurize("x", other));
        assertTrue(e.getMessage().contains("another featurizer configuration"));
        assertThrows(IllegalArgumentException.class, () -> f.featurizeUtf8(null, 0, 0, f.newScratch()));
        assertThrows(IllegalArgumentException.class, () -> f.featurizeUtf8(new byte[4], 2, 3, f.newScratch()));
        assertThrows(IllegalArgumentException.class, () -> f.featurizeUtf8(new byte[4], -1, 1, f.newScratch()));
    }

    @Test
    void onlyTheFirstMaxCodePointsAreRead() {
        FeaturizerConfig c = FeaturizerConfig.builder().maxCodePoints(10).build();
        TextFeaturizer f = new TextFeaturizer(c);
        String text = "\uD83D\uDE00 Ünïcødé wörds \uD83D\uDC4D and more words after the cap";
        String first10 = text.substring(0, text.offsetByCodePoints(0, 10));
        assertEquals(f.featurize(first10), f.featurize(text));
        assertNotEquals(new TextFeaturizer(FeaturizerConfig.defaults()).featurize(first10),
                new TextFeaturizer(FeaturizerConfig.defaults()).featurize(text));
        assertEquals(list("\uD83D\uDE00", "ünïcødé"), f.tokens(text)); // 10 code points end after the space
    }

    @Test
    void tenMegabyteInputsReadOnlyTheirPrefix() {
        char[] big = new char[10 * 1024 * 1024];
        Random random = new Random(1);
        for (int i = 0; i < big.length; i++) {
            int r = random.nextInt(8);
            big[i] = r == 0 ? ' ' : r == 1 ? (char) (0xD800 + random.nextInt(0x800)) : (char) ('a' + random.nextInt(26));
        }
        String text = new String(big);
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        FeaturizerScratch s = f.newScratch();
        int n = f.featurize(text, s);
        assertTrue(n > 0 && n <= FeaturizerConfig.DEFAULT_MAX_FEATURES);
        assertEquals(f.featurize(text.substring(0, text.offsetByCodePoints(0, 4096))), f.featurize(text));

        // One 10 MB word without spaces, at the largest cap: bounded by maxCodePoints, not by the input.
        Arrays.fill(big, 'x');
        FeaturizerConfig large = FeaturizerConfig.builder().maxCodePoints(1 << 18).build();
        TextFeaturizer fl = new TextFeaturizer(large);
        FeatureBag bag = fl.featurize(new String(big));
        // Unigram, the 3- and 4-grams "^xx", "xxx", "xx$", "^xxx", "xxxx", "xxx$".
        assertEquals(7, bag.size());

        byte[] utf8 = new byte[10 * 1024 * 1024];
        Arrays.fill(utf8, (byte) 'y');
        FeaturizerScratch ls = fl.newScratch();
        assertEquals(7, fl.featurizeUtf8(utf8, 0, utf8.length, ls));
        assertEquals((1 << 18) - 2, maxCount(ls)); // "yyy" occurs at every position but the first two
    }

    private static int maxCount(FeaturizerScratch s) {
        int max = 0;
        for (int i = 0; i < s.size(); i++) {
            max = Math.max(max, s.counts()[i]);
        }
        return max;
    }

    @Test
    void keepsTheFirstMaxFeaturesDistinctFeaturesAndStillCountsThem() {
        FeaturizerConfig c = FeaturizerConfig.builder().maxFeatures(3).wordNgramMax(1).maxSkip(0).noCharNgrams().build();
        FeatureBag bag = new TextFeaturizer(c).featurize("a b c d a b e a");
        assertArrayEquals(new long[] {key(0, 1, "61"), key(0, 1, "62"), key(0, 1, "63")}, bag.keys());
        assertArrayEquals(new int[] {3, 2, 1}, bag.counts());
    }

    @Test
    void binaryWeightingWeighsEveryFeatureOne() {
        FeaturizerConfig c = FeaturizerConfig.builder().weighting(FeatureWeighting.BINARY).build();
        FeatureBag bag = new TextFeaturizer(c).featurize("la la la la");
        for (float w : bag.weights()) {
            assertEquals(1f, w);
        }
        assertTrue(bag.count(0) > 1);
    }

    @Test
    void hashSeedChangesEveryKey() {
        FeatureBag a = new TextFeaturizer(FeaturizerConfig.defaults()).featurize("the same text, twice");
        FeatureBag b = new TextFeaturizer(FeaturizerConfig.builder().hashSeed(1).build()).featurize("the same text, twice");
        Set<Long> keys = new HashSet<>();
        for (long k : a.keys()) {
            keys.add(k);
        }
        for (long k : b.keys()) {
            assertTrue(!keys.contains(k));
        }
        assertArrayEquals(a.counts(), b.counts());
    }

    @Test
    void reusedScratchGivesTheSameResultAsAFreshOne() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.builder().maxFeatures(50).build());
        FeaturizerScratch s = f.newScratch();
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add(randomText(random, random.nextInt(300)));
        }
        for (int round = 0; round < 2; round++) {
            Collections.shuffle(texts, random);
            for (String t : texts) {
                int n = f.featurize(t, s);
                FeatureBag fresh = new TextFeaturizer(FeaturizerConfig.builder().maxFeatures(50).build()).featurize(t);
                assertArrayEquals(fresh.keys(), Arrays.copyOf(s.keys(), n));
                assertArrayEquals(fresh.counts(), Arrays.copyOf(s.counts(), n));
            }
        }
    }

    @Test
    void utf8InputGivesTheFeaturesOfTheDecodedString() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.builder().maxCodePoints(200).build());
        FeaturizerScratch s = f.newScratch();
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = i % 2 == 0 ? randomBytes(random, random.nextInt(60))
                    : randomText(random, random.nextInt(80)).getBytes(StandardCharsets.UTF_8);
            if (hasEncodedSurrogate(bytes)) {
                continue; // where the JDK's decoder departs from Unicode; see illFormedUtf8IsReplacedPerMaximalSubpart
            }
            int off = bytes.length > 0 ? random.nextInt(bytes.length) : 0;
            int len = bytes.length - off;
            int n = f.featurizeUtf8(bytes, off, len, s);
            FeatureBag expected = f.featurize(new String(bytes, off, len, StandardCharsets.UTF_8));
            assertArrayEquals(expected.keys(), Arrays.copyOf(s.keys(), n), () -> "bytes " + Arrays.toString(bytes));
            assertArrayEquals(expected.counts(), Arrays.copyOf(s.counts(), n));
        }
    }

    private static boolean hasEncodedSurrogate(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xED && (b[i + 1] & 0xFF) >= 0xA0 && (b[i + 1] & 0xFF) <= 0xBF) {
                return true;
            }
        }
        return false;
    }

    @Test
    void illFormedUtf8IsReplacedPerMaximalSubpart() {
        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        // The example of the Unicode Standard, Table 3-8.
        byte[] b = hex("61 F1 80 80 E1 80 C2 62 80 63 80 BF 64");
        FeaturizerScratch s = f.newScratch();
        int n = f.featurizeUtf8(b, 0, b.length, s);
        FeatureBag expected = f.featurize("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd");
        assertArrayEquals(expected.keys(), Arrays.copyOf(s.keys(), n));
        assertArrayEquals(expected.counts(), Arrays.copyOf(s.counts(), n));
        // Encoded surrogates and overlongs: no valid lead-continuation pair, so one U+FFFD per byte.
        // (The JDK's decoder gives a single U+FFFD for ED A0 80; this specification follows Unicode.)
        assertEquals(3, countReplacements(f, hex("ED A0 80")));
        assertEquals(2, countReplacements(f, hex("C0 AF")));
        assertEquals(3, countReplacements(f, hex("E0 80 AF")));
        assertEquals(3, countReplacements(f, hex("F4 90 80"))); // 90 is out of range after F4
        assertEquals(1, countReplacements(f, hex("F0 9F 98"))); // truncated 4-byte sequence
        assertEquals(1, countReplacements(f, hex("E2 82 41"))); // truncated 3-byte sequence before 'A'
    }

    /** The count of the U+FFFD unigram after featurizing {@code bytes} as UTF-8. */
    private static int countReplacements(TextFeaturizer f, byte[] bytes) {
        FeaturizerScratch s = f.newScratch();
        int n = f.featurizeUtf8(bytes, 0, bytes.length, s);
        long fffd = key(0, 1, "EF BF BD");
        for (int i = 0; i < n; i++) {
            if (s.keys()[i] == fffd) {
                return s.counts()[i];
            }
        }
        return 0;
    }

    @Test
    void isDeterministicAcrossInstances() {
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            String t = randomText(random, 200);
            assertEquals(new TextFeaturizer(FeaturizerConfig.defaults()).featurize(t),
                    new TextFeaturizer(FeaturizerConfig.fromSection(FeaturizerConfig.defaults().toSection())).featurize(t));
        }
    }

    private static final String[] PIECES = {
        "free", "Money", "ДЕНЬГИ", "привет", "Ελλάδα", "σοφός", "café", "naïve", " ", " ", " ", "\n", "\t", ",", "!",
        "...", "2002", "\uD83D\uDC4D", "\uD83C\uDFFD", "\u200D", "\u00AD", "\uD800", "\uDC00", "中文", "'", "\u0000",
        "e\u0301", "ß", "İ", "ǅ",
    };

    private static String randomText(Random random, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(4);
            b[i] = (byte) (r == 0 ? 'a' + random.nextInt(3) : r == 1 ? ' ' : 0x80 + random.nextInt(0x80));
        }
        return b;
    }
}
