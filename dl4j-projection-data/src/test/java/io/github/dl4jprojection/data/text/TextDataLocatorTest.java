package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDataLocatorTest {

    @TempDir
    Path base;

    private Path tarballIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new TarFixtures().file("package/data/spam-1/00001.a.json",
                TarFixtures.messageJson("00001", "spam-1", "Subject: x\n\ny")).writeTgz(dir.resolve(SpamAssassinCorpus.TARBALL_NAME));
    }

    @Test
    void withoutDataFallsBackToTheBundledSampleAndRequireListsTheDefaults() {
        TextDataLocator locator = new TextDataLocator(base);
        assertInstanceOf(BundledSpamAssassinSample.class, assertDoesNotThrow(() -> locator.spamAssassin(null)));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> locator.requireSpamAssassin(null));
        assertEquals(3, e.searchedPaths().size());
        assertTrue(e.searchedPaths().get(0).endsWith("data/spam-assassin/" + SpamAssassinCorpus.TARBALL_NAME));
        assertTrue(e.getMessage().contains("scripts/fetch-spam-assassin.sh"), e.getMessage());
    }

    private static TextDataSource assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<TextDataSource> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    @Test
    void findsTheFetchedTarballAndUnpackedFolders() throws IOException {
        Path tgz = tarballIn(base.resolve(TextDataLocator.DEFAULT_DIR));
        TextDataLocator locator = new TextDataLocator(base);
        assertEquals(tgz, ((SpamAssassinCorpus) locator.spamAssassin(null)).location());
        assertEquals(tgz, locator.requireSpamAssassin(tgz).location());
        assertEquals(tgz, locator.requireSpamAssassin(tgz.getParent()).location());

        Path unpacked = base.resolve("elsewhere/package/data/easy-ham-1");
        Files.createDirectories(unpacked);
        assertEquals(unpacked.getParent(), locator.requireSpamAssassin(base.resolve("elsewhere")).location());
        assertEquals(unpacked.getParent(), locator.requireSpamAssassin(unpacked.getParent()).location());
    }

    @Test
    void aGivenPathWithoutTheCorpusIsAnErrorListingWhereItLooked() throws IOException {
        Path empty = Files.createDirectories(base.resolve("empty"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> new TextDataLocator(base).spamAssassin(empty));
        assertEquals(4, e.searchedPaths().size());
        assertTrue(e.getMessage().contains(empty.resolve("package/data").toString()), e.getMessage());
        assertThrows(DataNotFoundException.class, () -> new TextDataLocator(base).spamAssassin(base.resolve("missing")));
    }

    @Test
    void userTextsNeedAnExistingPath() {
        TextDataLocator locator = new TextDataLocator(base);
        assertThrows(IllegalArgumentException.class, () -> locator.userTexts(null));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> locator.userTexts(base.resolve("nope.tsv")));
        assertTrue(e.getMessage().contains("nope.tsv"));
    }
}
