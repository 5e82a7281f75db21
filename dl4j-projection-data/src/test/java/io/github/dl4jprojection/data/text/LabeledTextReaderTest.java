package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledTextReaderTest {

    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertText(LabeledText t, String label, String text, String source) {
        assertEquals(label, t.label());
        assertEquals(text, t.text());
        assertEquals(source, t.source());
    }

    private static void assertLineError(DataFileException e, String file, int line, String fragment) {
        assertEquals(file, e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void readsTsv() throws IOException {
        String tsv = "\uFEFFlabel\ttext\r\n"
                + "spam\tFREE money\tand a tab\r\n"
                + "\n"
                + "  ham \tsee you at 5, ok?\n"
                + "ham\t\n";
        List<LabeledText> texts = LabeledTextReader.readTsv("m.tsv", utf8(tsv));
        assertEquals(3, texts.size());
        assertText(texts.get(0), "spam", "FREE money\tand a tab", "m.tsv:2");
        assertText(texts.get(1), "ham", "see you at 5, ok?", "m.tsv:4");
        assertText(texts.get(2), "ham", "", "m.tsv:5");
    }

    @Test
    void tsvErrorsNameTheLine() {
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readTsv("m.tsv", utf8("ham\tok\nno tab here\n"))), "m.tsv", 2, "no tab");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readTsv("m.tsv", utf8("ham\tok\n\n \ttext\n"))), "m.tsv", 3, "empty label");
        byte[] latin1 = "ham\tok\nspam\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertLineError(assertThrows(DataFileException.class, () -> LabeledTextReader.readTsv("m.tsv", latin1)),
                "m.tsv", 2, "not valid UTF-8");
    }

    @Test
    void readsCsvWithQuoting() throws IOException {
        String csv = "Label,Text\r\n"
                + "spam,\"FREE, really \"\"free\"\" money\"\r\n"
                + "ham,plain text\n"
                + "\n"
                + "ham,\"two\nlines\"\n"
                + "spam,\"\"\n"
                + "ham,last without newline";
        List<LabeledText> texts = LabeledTextReader.readCsv("m.csv", utf8(csv));
        assertEquals(5, texts.size());
        assertText(texts.get(0), "spam", "FREE, really \"free\" money", "m.csv:2");
        assertText(texts.get(1), "ham", "plain text", "m.csv:3");
        assertText(texts.get(2), "ham", "two\nlines", "m.csv:5");
        assertText(texts.get(3), "spam", "", "m.csv:7");
        assertText(texts.get(4), "ham", "last without newline", "m.csv:8");
    }

    @Test
    void csvErrorsNameTheLine() {
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,ok\nspam,a,b\n"))), "m.csv", 2, "found 3");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,ok\nspam\n"))), "m.csv", 2, "found 1");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,ok\n\nspam,\"never\nclosed\n"))),
                "m.csv", 3, "unterminated");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,\"a\nb\"c\n"))), "m.csv", 2, "after a closing quote");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,ok\nham,say \"hi\"\n"))), "m.csv", 2, "quote inside");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readCsv("m.csv", utf8("ham,ok\n\"\",text\n"))), "m.csv", 2, "empty label");
    }

    @Test
    void carriageReturnAloneEndsALine() throws IOException {
        List<LabeledText> tsv = LabeledTextReader.readTsv("m.tsv", utf8("ham\tone\rspam\ttwo\r\rham\tthree"));
        assertEquals(3, tsv.size());
        assertText(tsv.get(2), "ham", "three", "m.tsv:4");
        List<LabeledText> csv = LabeledTextReader.readCsv("m.csv", utf8("ham,one\rspam,\"two\rlines\"\rham,three\r"));
        assertEquals(3, csv.size());
        assertText(csv.get(1), "spam", "two\rlines", "m.csv:2");
        assertText(csv.get(2), "ham", "three", "m.csv:4");
        assertLineError(assertThrows(DataFileException.class,
                () -> LabeledTextReader.readTsv("m.tsv", utf8("ham\tok\rno tab\r"))), "m.tsv", 2, "no tab");
    }

    @Test
    void readPicksTheFormatByExtensionAndReadsGzip() throws IOException {
        Path tsv = tmp.resolve("a.tsv");
        Files.write(tsv, utf8("ham\thello\n"));
        assertEquals("hello", LabeledTextReader.read(tsv).get(0).text());

        Path csvGz = tmp.resolve("b.CSV.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(csvGz))) {
            out.write(utf8("spam,\"x, y\"\n"));
        }
        List<LabeledText> texts = LabeledTextReader.read(csvGz);
        assertEquals("x, y", texts.get(0).text());
        assertEquals(csvGz + ":1", texts.get(0).source());

        Path json = tmp.resolve("c.json");
        Files.write(json, utf8("{}"));
        DataFileException e = assertThrows(DataFileException.class, () -> LabeledTextReader.read(json));
        assertTrue(e.getMessage().contains(".tsv or .csv"), e.getMessage());
    }

    @Test
    void writerOutputReadsBackAndUnstorableTextsAreRejected() throws IOException {
        List<LabeledText> texts = List.of(new LabeledText("ham", "a\tb  c", "x"), new LabeledText("spam", "Привет \uD83D\uDE00", "y"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LabeledTextWriter.writeTsv(out, texts);
        List<LabeledText> back = LabeledTextReader.readTsv("t.tsv", out.toByteArray());
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(texts.get(i).label(), back.get(i).label());
            assertEquals(texts.get(i).text(), back.get(i).text());
        }
        assertThrows(IllegalArgumentException.class,
                () -> LabeledTextWriter.writeTsv(new ByteArrayOutputStream(), List.of(new LabeledText("ham", "a\nb", "x"))));
        assertThrows(IllegalArgumentException.class,
                () -> LabeledTextWriter.writeTsv(new ByteArrayOutputStream(), List.of(new LabeledText("h\tam", "a", "x"))));
    }
}
