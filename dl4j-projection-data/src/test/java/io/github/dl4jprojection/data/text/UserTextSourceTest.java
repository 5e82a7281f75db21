package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataFileException;
import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTextSourceTest {

    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void oneFileIsDeduplicatedAndHashSplit() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append(i % 2 == 0 ? "pos" : "neg").append("\ttext ").append(i).append('\n');
        }
        sb.append("pos\ttext 0\n");
        TrainTestTexts t = new UserTextSource(write("all.tsv", sb.toString())).load();
        assertEquals(100, t.train().size() + t.test().size());
        assertEquals(List.of("neg", "pos"), t.labelNames());
        for (LabeledText x : t.test()) {
            assertTrue(HashSplit.isTest(x.text()));
        }
        assertTrue(t.description().contains("1 duplicates"), t.description());
    }

    @Test
    void aFolderGivesItsTrainAndTestFilesAsTheyAre() throws IOException {
        write("d/train.csv", "label,text\na,one\nb,two\na,one\n");
        write("d/test.tsv", "b\tthree\n");
        TrainTestTexts t = new UserTextSource(tmp.resolve("d")).load();
        assertEquals(3, t.train().size());
        assertEquals(1, t.test().size());
        assertEquals(1, t.labelIndex(t.test().get(0)));
    }

    @Test
    void reportsUnknownTestLabelsSingleClassesAndMissingFiles() throws IOException {
        write("e/train.tsv", "a\tone\nb\ttwo\n");
        write("e/test.tsv", "a\tx\nc\ty\n");
        DataFileException unknown = assertThrows(DataFileException.class, () -> new UserTextSource(tmp.resolve("e")).load());
        assertEquals(2, unknown.line());
        assertTrue(unknown.getMessage().contains("'c'"), unknown.getMessage());

        Path single = write("single.tsv", "a\tone\na\ttwo\n");
        DataFileException oneClass = assertThrows(DataFileException.class, () -> new UserTextSource(single).load());
        assertTrue(oneClass.getMessage().endsWith("single.tsv: has only one label, \"a\"; a classifier needs texts of "
                + "at least 2 labels"), oneClass.getMessage());
        Path conflicting = write("conflicting.tsv", "a\tsame text\nb\tsame text\n");
        DataFileException none = assertThrows(DataFileException.class, () -> new UserTextSource(conflicting).load());
        assertTrue(none.getMessage().endsWith("conflicting.tsv: has no labelled texts; a classifier needs texts of at "
                + "least 2 labels"), none.getMessage());

        write("f/train.tsv", "a\tone\nb\ttwo\n");
        DataNotFoundException missing = assertThrows(DataNotFoundException.class,
                () -> new UserTextSource(tmp.resolve("f")).load());
        assertTrue(missing.searchedPaths().contains(tmp.resolve("f/test.csv").toString()), missing.getMessage());
    }
}
