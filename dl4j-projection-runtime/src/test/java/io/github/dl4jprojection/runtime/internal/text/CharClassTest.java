package io.github.dl4jprojection.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharClassTest {

    /** docs/TEXT.md seen from the module folder, where Maven runs the tests. */
    private static final Path TEXT_MD = Paths.get("..", "docs", "TEXT.md");

    @Test
    void rangeTableMatchesTheDocument() throws IOException {
        List<String> lines = fencedBlock("class-ranges");
        int[] fromDoc = new int[lines.size() * 3];
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            fromDoc[3 * i] = Integer.parseInt(f[0], 16);
            fromDoc[3 * i + 1] = Integer.parseInt(f[1], 16);
            fromDoc[3 * i + 2] = className(f[2]);
        }
        assertArrayEquals(fromDoc, CharClass.RANGES);
    }

    @Test
    void foldRunsMatchTheDocument() throws IOException {
        List<String> lines = fencedBlock("fold-runs");
        int[] fromDoc = new int[lines.size() * 4];
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            fromDoc[4 * i] = Integer.parseInt(f[0], 16);
            fromDoc[4 * i + 1] = Integer.parseInt(f[1], 16);
            fromDoc[4 * i + 2] = Integer.parseInt(f[2]);
            fromDoc[4 * i + 3] = Integer.parseInt(f[3].startsWith("+") ? f[3].substring(1) : f[3]);
        }
        assertArrayEquals(fromDoc, CharClass.FOLD_RUNS);
    }

    @Test
    void rangesAreSortedDisjointAndCoverOnlyValidCodePoints() {
        int previousEnd = -1;
        for (int r = 0; r < CharClass.RANGES.length; r += 3) {
            assertTrue(CharClass.RANGES[r] > previousEnd, "range " + r / 3 + " overlaps or is out of order");
            assertTrue(CharClass.RANGES[r + 1] >= CharClass.RANGES[r]);
            assertTrue(CharClass.RANGES[r + 1] <= Character.MAX_CODE_POINT);
            assertTrue(CharClass.RANGES[r + 2] != CharClass.WORD);
            previousEnd = CharClass.RANGES[r + 1];
        }
    }

    /**
     * Below U+0530 the classes follow the general categories (TEXT.md, section 2). The JVM's
     * Unicode version differs from 15.0, so code points it does not know are skipped.
     */
    @Test
    void lowTableFollowsGeneralCategories() {
        for (int cp = 0; cp < CharClass.TABLE_LIMIT; cp++) {
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED) {
                continue;
            }
            assertEquals(expectedLowClass(cp, type), CharClass.of(cp), String.format("U+%04X", cp));
        }
    }

    @Test
    void foldingIsSimpleLowercaseOfUppercaseExceptTurkicI() {
        for (int cp = 0; cp < CharClass.TABLE_LIMIT; cp++) {
            if (Character.getType(cp) == Character.UNASSIGNED || cp == 0x130 || cp == 0x131) {
                continue;
            }
            assertEquals(Character.toLowerCase(Character.toUpperCase(cp)), CharClass.fold(cp), String.format("U+%04X", cp));
        }
        assertEquals(0x130, CharClass.fold(0x130));
        assertEquals(0x131, CharClass.fold(0x131));
    }

    @Test
    void foldingIsIdempotentAndKeepsTheClass() {
        for (int cp = 0; cp < CharClass.TABLE_LIMIT; cp++) {
            int f = CharClass.fold(cp);
            assertEquals(f, CharClass.fold(f), String.format("U+%04X", cp));
            assertEquals(CharClass.of(cp), CharClass.of(f), String.format("U+%04X", cp));
        }
    }

    @Test
    void highRangesHoldWhatTheirClassSays() {
        for (int r = 0; r < CharClass.RANGES.length; r += 3) {
            if (CharClass.RANGES[r] < CharClass.TABLE_LIMIT) {
                continue;
            }
            for (int cp = CharClass.RANGES[r]; cp <= CharClass.RANGES[r + 1]; cp++) {
                int type = Character.getType(cp);
                String where = String.format("U+%04X", cp);
                switch (CharClass.RANGES[r + 2]) {
                    case CharClass.SPACE:
                        assertTrue(Character.isSpaceChar(cp) || cp == 0x200B, where);
                        break;
                    case CharClass.IGNORED:
                        assertTrue(type == Character.FORMAT || type == Character.NON_SPACING_MARK
                                || type == Character.MODIFIER_SYMBOL || type == Character.UNASSIGNED, where);
                        break;
                    default:
                        // Below the symbol blocks, listed code points are script punctuation or currency
                        // signs; ones newer than the JVM's Unicode version cannot be checked.
                        if (cp < 0x2000 && type != Character.UNASSIGNED) {
                            assertTrue(isPunctuationOrSymbol(type), where);
                        }
                        assertTrue(!Character.isLetterOrDigit(cp) || cp >= 0x2070, where);
                        break;
                }
            }
        }
    }

    @Test
    void everyCodePointHasAClassAndLettersOfOtherScriptsAreWords() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += 7) {
            int c = CharClass.of(cp);
            assertTrue(c >= CharClass.WORD && c <= CharClass.SYMBOL);
        }
        assertEquals(CharClass.WORD, CharClass.of(0x4E2D)); // CJK
        assertEquals(CharClass.WORD, CharClass.of(0x05D0)); // Hebrew alef
        assertEquals(CharClass.WORD, CharClass.of(0x0661)); // Arabic-Indic digit one
        assertEquals(CharClass.SYMBOL, CharClass.of(0x1F600)); // emoji
        assertEquals(CharClass.SYMBOL, CharClass.of(0xFFFD));
        assertEquals(CharClass.IGNORED, CharClass.of(0x200D)); // zero-width joiner
        assertEquals(CharClass.SPACE, CharClass.of(0x3000)); // ideographic space
    }

    @Test
    void publicTablesAreCopiesOfTheInternalOnes() {
        int[] ranges = TextTables.classRanges();
        assertArrayEquals(CharClass.RANGES, ranges);
        ranges[0] = 99;
        assertEquals(0, CharClass.RANGES[0]);
        assertArrayEquals(CharClass.FOLD_RUNS, TextTables.foldRuns());
        assertEquals('a', TextTables.fold('A'));
        assertEquals(TextTables.SYMBOL, TextTables.classOf('!'));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TextTables.classOf(0xD800));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TextTables.fold(0x110000));
    }

    private static int expectedLowClass(int cp, int type) {
        if (type == Character.CONTROL || type == Character.SPACE_SEPARATOR) {
            return CharClass.SPACE;
        }
        if (cp == 0xAD) {
            return CharClass.IGNORED;
        }
        if (Character.isLetter(cp) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.DECIMAL_DIGIT_NUMBER) {
            return CharClass.WORD;
        }
        return CharClass.SYMBOL;
    }

    private static boolean isPunctuationOrSymbol(int type) {
        switch (type) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    private static int className(String name) {
        switch (name) {
            case "SPACE":
                return CharClass.SPACE;
            case "IGNORED":
                return CharClass.IGNORED;
            case "SYMBOL":
                return CharClass.SYMBOL;
            default:
                throw new IllegalArgumentException("unknown class in TEXT.md: " + name);
        }
    }

    /** The lines of the fenced block of TEXT.md whose info string is {@code text <name>}. */
    private static List<String> fencedBlock(String name) throws IOException {
        List<String> all = Files.readAllLines(TEXT_MD, StandardCharsets.UTF_8);
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : all) {
            if (!inside && line.trim().equals("```text " + name)) {
                inside = true;
            } else if (inside && line.trim().equals("```")) {
                return block;
            } else if (inside) {
                block.add(line);
            }
        }
        throw new AssertionError("TEXT.md has no complete block '```text " + name + "'");
    }
}
