package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvImageReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Arrays.asList(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsIntegerLabelsWithHeaderAndInfersSquareSize() throws IOException {
        Path file = write("train.csv",
                "label,p1,p2,p3,p4",
                "2,0,1,2,255",
                "",
                "0, 10 ,20,30.0,40",
                "1,5,6,7,8");
        ImageDataset data = CsvImageReader.read(file, null, null);

        assertEquals(3, data.size());
        assertEquals(2, data.height());
        assertEquals(2, data.width());
        assertEquals(Arrays.asList("0", "1", "2"), data.labelNames());
        assertEquals(2, data.label(0));
        assertEquals(0, data.label(1));
        assertEquals(255, data.pixel(0, 3));
        assertEquals(10, data.pixel(1, 0));
        assertEquals(30, data.pixel(1, 2));
    }

    @Test
    void nameLabelsBecomeSortedClasses() throws IOException {
        Path file = write("train.csv", "\uFEFFshoe,1,2,3,4", "\"bag\",5,6,7,8", "shoe,0,0,0,0", "coat,9,9,9,9");
        ImageDataset data = CsvImageReader.read(file, null, null);

        assertEquals(Arrays.asList("bag", "coat", "shoe"), data.labelNames());
        assertEquals(2, data.label(0));
        assertEquals(0, data.label(1));
        assertEquals(1, data.label(3));
    }

    @Test
    void givenImageSizeIsUsedAndChecked() throws IOException {
        Path file = write("x.csv", "0,1,2,3,4,5,6", "1,1,2,3,4,5,6");
        ImageDataset data = CsvImageReader.read(file, new ImageSize(2, 3), null);
        assertEquals(2, data.height());
        assertEquals(3, data.width());

        DataFileException e = assertThrows(DataFileException.class,
                () -> CsvImageReader.read(file, new ImageSize(2, 2), null));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("image size 2x2 needs 4"), e.getMessage());
    }

    @Test
    void nonSquarePixelCountNeedsAnExplicitSize() throws IOException {
        Path file = write("x.csv", "h,a,b,c", "0,1,2,3,4,5,6", "1,1,2,3,4,5,6");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not a square image"), e.getMessage());
    }

    @Test
    void lineWithTheWrongNumberOfValuesIsReportedWithItsNumber() throws IOException {
        Path file = write("train.csv", "label,a,b,c,d", "0,1,2,3,4", "1,1,2,3,4", "", "0,1,2,3");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith(file + ":5: has 3 pixel values"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2 has 4"), e.getMessage());
    }

    @Test
    void nonIntegerOrOutOfRangePixelIsReportedWithLineAndColumn() throws IOException {
        Path scaled = write("a.csv", "0,0,0,0,0", "1,0,0.5,0,0");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(scaled, null, null));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column 3: pixel value 0.5 is not an integer 0..255"), e.getMessage());

        Path big = write("b.csv", "0,0,0,0,256", "1,0,0,0,0");
        assertTrue(assertThrows(DataFileException.class, () -> CsvImageReader.read(big, null, null)).getMessage()
                .contains(":1: column 5: pixel value 256"));

        Path word = write("c.csv", "0,0,0,0,0", "1,0,x,0,0");
        assertTrue(assertThrows(DataFileException.class, () -> CsvImageReader.read(word, null, null)).getMessage()
                .contains(":2: column 3: 'x' is not a number"));

        Path nan = write("d.csv", "0,0,0,0,0", "1,0,NaN,0,0");
        assertTrue(assertThrows(DataFileException.class, () -> CsvImageReader.read(nan, null, null)).getMessage()
                .contains(":2: column 3: pixel value NaN"));
    }

    @Test
    void unknownLabelForAGivenVocabularyIsReported() throws IOException {
        Path file = write("test.csv", "0,1,1,1,1", "7,1,1,1,1");
        LabelVocabulary classes = new LabelVocabulary(LabelVocabulary.integerNames(3));
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, classes));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown label '7'"), e.getMessage());
    }

    @Test
    void integerLabelsMatchAVocabularyByValue() throws IOException {
        Path file = write("test.csv", "02,1,1,1,1", "0,1,1,1,1");
        ImageDataset data = CsvImageReader.read(file, null, new LabelVocabulary(LabelVocabulary.integerNames(3)));
        assertEquals(2, data.label(0));
        assertEquals(3, data.numClasses());
    }

    @Test
    void singleClassIsRejected() throws IOException {
        Path file = write("train.csv", "cat,1,1,1,1", "cat,2,2,2,2");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void fileWithoutDataRowsIsRejected() throws IOException {
        Path file = write("train.csv", "label,a,b", "", "   ");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void carriageReturnAloneEndsALine() throws IOException {
        Path file = dir.resolve("cr.csv");
        Files.write(file, "label,a,b,c,d\r0,1,2,3,4\r\r1,5,6,7,8\r1,9,9,9\r".getBytes(StandardCharsets.UTF_8));
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith(file + ":5: has 3 pixel values"), e.getMessage());

        Path good = dir.resolve("cr-good.csv");
        Files.write(good, "0,1,2,3,4\r1,5,6,7,8\r".getBytes(StandardCharsets.UTF_8));
        ImageDataset data = CsvImageReader.read(good, null, null);
        assertEquals(2, data.size());
        assertEquals(8, data.pixel(1, 3));
    }

    @Test
    void exponentNotationIsNotAnInteger() throws IOException {
        Path file = write("e.csv", "0,0,0,0,0", "1,0,1e2,0,0");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column 3: pixel value 1e2 is not an integer 0..255"), e.getMessage());
    }

    @Test
    void invalidUtf8AndMalformedQuotingNameTheFileAndLine() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "0,0,0,0,0\ncaf\u00e9,1,1,1,1\n".getBytes(StandardCharsets.ISO_8859_1));
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(latin1, null, null));
        assertEquals(latin1.toString(), e.file());
        assertTrue(e.getMessage().startsWith(latin1 + ":") && e.getMessage().contains("not valid UTF-8"),
                e.getMessage());

        Path quote = write("q.csv", "0,0,0,0,0", "\"1\"x,1,1,1,1");
        DataFileException q = assertThrows(DataFileException.class, () -> CsvImageReader.read(quote, null, null));
        assertEquals(2, q.line());
        assertTrue(q.getMessage().startsWith(quote + ":2: malformed CSV"), q.getMessage());
    }

    @Test
    void lineWithoutPixelsIsRejected() throws IOException {
        Path file = write("train.csv", "0,1,2,3,4", "5");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvImageReader.read(file, null, null));
        assertEquals(2, e.line());
    }
}
