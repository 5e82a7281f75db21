package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinCorpusTest {

    @TempDir
    Path tmp;

    private static final String HAM_1 = "Subject: lunch\n\nShall we meet for lunch on Friday?";
    private static final String HAM_2 = "Subject: patch\n\nThe attached patch fixes the build.";
    private static final String SPAM_1 = "Subject: WIN\nContent-Type: text/html\n\n<b>FREE</b> money &amp; prizes";
    private static final String SPAM_DUP = "Subject: WIN\n\nFREE money & prizes";

    /** A corpus-shaped tarball: files in shuffled order, a pax-named entry and entries to skip. */
    private Path tarball() throws IOException {
        TarFixtures tar = new TarFixtures()
                .file("package/package.json", "{\"name\":\"x\"}")
                .file("package/data/spam-2/00002.bbbb.json", TarFixtures.messageJson("00002", "spam-2", SPAM_DUP))
                .file("package/data/easy-ham-2/00001.cccc.json", TarFixtures.messageJson("00001", "easy-ham-2", HAM_2))
                .file("package/data/easy-ham-1/00001.cccc.txt", "raw copy, ignored")
                .paxPath("package/data/easy-ham-1/00001.aaaa.json")
                .file("package/data/easy-ham-1/short-name.json",
                        TarFixtures.messageJson("00001", "easy-ham-1", HAM_1))
                .file("package/data/spam-1/00001.dddd.json", TarFixtures.messageJson("00001", "spam-1", SPAM_1))
                .file("package/data/spam-1/00002.eeee.json", TarFixtures.messageJson("00002", "spam-1", "Subject: \n\n  "));
        return tar.writeTgz(tmp.resolve(SpamAssassinCorpus.TARBALL_NAME));
    }

    private static List<String> sources(List<LabeledText> texts) {
        List<String> s = new ArrayList<>();
        for (LabeledText t : texts) {
            s.add(t.source() + " " + t.label());
        }
        return s;
    }

    @Test
    void readsTheTarballInGroupOrderWithLabelsExtractionAndDeduplication() throws IOException {
        SpamAssassinCorpus corpus = SpamAssassinCorpus.fromTarball(tarball());
        List<LabeledText> texts = corpus.texts();
        // spam-1/00002 has no text; spam-2/00002 extracts to the same text as spam-1/00001 and comes later.
        assertEquals(List.of("easy-ham-1/00001 ham", "easy-ham-2/00001 ham", "spam-1/00001 spam"), sources(texts));
        assertEquals("lunch Shall we meet for lunch on Friday?", texts.get(0).text());
        assertEquals("WIN FREE money & prizes", texts.get(2).text());

        TrainTestTexts split = corpus.load();
        assertEquals(List.of("ham", "spam"), split.labelNames());
        assertEquals(3, split.train().size() + split.test().size());
        for (LabeledText t : split.test()) {
            assertTrue(HashSplit.isTest(t.text()));
        }
        assertTrue(split.description().contains("1 without text") && split.description().contains("1 duplicates"),
                split.description());
    }

    @Test
    void readsAnUnpackedFolderTheSameWay() throws IOException {
        Path data = tmp.resolve("package/data");
        write(data.resolve("spam-1/00001.dddd.json"), TarFixtures.messageJson("00001", "spam-1", SPAM_1));
        write(data.resolve("easy-ham-2/00001.cccc.json"), TarFixtures.messageJson("00001", "easy-ham-2", HAM_2));
        write(data.resolve("easy-ham-1/00001.aaaa.json"), TarFixtures.messageJson("00001", "easy-ham-1", HAM_1));
        write(data.resolve("easy-ham-1/00001.aaaa.txt"), "ignored");
        List<LabeledText> fromFolder = SpamAssassinCorpus.fromFolder(data).texts();
        List<LabeledText> fromTar = SpamAssassinCorpus.fromTarball(tarball()).texts();
        assertEquals(sources(fromTar), sources(fromFolder));
        for (int i = 0; i < fromTar.size(); i++) {
            assertEquals(fromTar.get(i).text(), fromFolder.get(i).text());
        }
    }

    @Test
    void reportsDamagedArchivesNamingTheFile() throws IOException {
        Path notGzip = write(tmp.resolve("plain.tgz"), "this is not gzip");
        DataFileException e = assertThrows(DataFileException.class, () -> SpamAssassinCorpus.fromTarball(notGzip).texts());
        assertTrue(e.getMessage().startsWith(notGzip.toString()) && e.getMessage().contains("gzip"), e.getMessage());

        byte[] tar = new TarFixtures().file("package/data/spam-1/00001.dddd.json",
                TarFixtures.messageJson("00001", "spam-1", SPAM_1)).tarBytes();
        byte[] badChecksum = tar.clone();
        badChecksum[10] ^= 1;
        assertDamaged(badChecksum, "checksum");
        assertDamaged(java.util.Arrays.copyOf(tar, 700), "truncated");
        assertDamaged(java.util.Arrays.copyOf(tar, 300), "truncated");

        assertDamaged(new TarFixtures().file("package/data/spam-1/00001.dddd.json", "{not json").tarBytes(), "JSON");
        assertDamaged(new TarFixtures().file("package/data/spam-1/00001.dddd.json", "{\"group\":\"spam-1\"}").tarBytes(),
                "\"text\"");
        assertDamaged(new TarFixtures().file("package/data/spam-1/00001.dddd.json",
                TarFixtures.messageJson("00001", "easy-ham-1", "x")).tarBytes(), "folder spam-1");
        assertDamaged(new TarFixtures().file("package/other.json", "{}").tarBytes(), "no SpamAssassin message files");
    }

    private void assertDamaged(byte[] tar, String fragment) throws IOException {
        Path file = tmp.resolve("damaged-" + fragment.hashCode() + ".tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar);
        }
        DataFileException e = assertThrows(DataFileException.class, () -> SpamAssassinCorpus.fromTarball(file).texts());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
