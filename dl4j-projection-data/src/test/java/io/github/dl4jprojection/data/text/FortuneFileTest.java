package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortuneFileTest {

    @TempDir
    Path tmp;

    @Test
    void entriesAreSeparatedByPercentLinesOnly() {
        assertEquals(List.of("one\n", "100% two\n%s\n", ""), FortuneFile.entries("one\n%\n100% two\n%s\n%\n"));
        assertEquals(List.of("a\n", "b\n"), FortuneFile.entries("a\r\n%\r\nb\r\n"));
        assertEquals(List.of("a\n", "b\n"), FortuneFile.entries("a\r%\rb\r"));
    }

    @Test
    void utf8IsReadAsUtf8AndOtherBytesAsLatin1() throws IOException {
        Path utf8 = Files.write(tmp.resolve("utf8"), "Linuxkongre\u00df\n%\n".getBytes(StandardCharsets.UTF_8));
        Path latin1 = Files.write(tmp.resolve("latin1"), "Linuxkongre\u00df\n%\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("Linuxkongre\u00df\n", ""), FortuneFile.read(utf8));
        assertEquals(List.of("Linuxkongre\u00df\n", ""), FortuneFile.read(latin1));
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path huge = tmp.resolve("huge");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(FortuneFile.MAX_FILE_BYTES + 1); // sparse: no disk used
        }
        DataFileException e = assertThrows(DataFileException.class, () -> FortuneFile.read(huge));
        assertTrue(e.getMessage().startsWith(huge + ": " + (FortuneFile.MAX_FILE_BYTES + 1) + " bytes"), e.getMessage());
    }
}
