package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fortune cookies by category: the fortune files of the Debian package {@value #DEBIAN_PACKAGE}
 * ({@value #DEBIAN_VERSION} in Debian 12; fortune-mod's data, installed in {@value #DEFAULT_DIR}), one file per
 * category. The task: predict the category of a fortune, one of the {@link #CATEGORIES} (16 classes, very
 * unbalanced).
 *
 * <p>Each category file is read with {@link FortuneFile}, every entry cleaned by {@link FortuneText}
 * (overstrikes resolved, attribution removed, white space collapsed); empty entries are dropped, duplicates
 * removed by {@link DuplicateFilter} (a text in two categories is dropped from both), and the rest split 80/20
 * by {@link HashSplit}, as the SpamAssassin corpus is. Categories are read in the order of {@link #CATEGORIES},
 * entries in file order. Only the listed files are read: the ROT13-encoded offensive files ({@code off/}, package
 * {@code fortunes-off}) and the {@code .dat} indexes are not.
 */
public final class FortunesCorpus extends HashSplitCorpus {

    public static final String DEBIAN_PACKAGE = "fortunes";
    /** The version whose counts docs/TEXT_DATA.md gives and {@code FortunesFullCorpusTest} checks. */
    public static final String DEBIAN_VERSION = "1:1.99.1-7.3";
    /** Where the package installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/games/fortunes";

    /**
     * The classes, sorted: the package's categories with at least 140 entries that have a topic, leaving out the
     * general collections whose entries could be in any category ({@code fortunes}, {@code miscellaneous},
     * {@code cookie}, {@code platitudes}, {@code wisdom}, {@code humorists}, {@code people}, {@code knghtbrd},
     * {@code zippy}, {@code art}), {@code men-women} (the same subject as {@code love}), {@code ethnic} (ethnic
     * jokes), {@code perl} and {@code disclaimer}, and the small ones ({@code medicine}: 74 entries). The reasons
     * and the per-class counts are in docs/TEXT_DATA.md.
     */
    public static final List<String> CATEGORIES = List.of("computers", "definitions", "drugs", "education", "food",
            "kids", "law", "linux", "literature", "love", "politics", "science", "songs-poems", "sports", "startrek",
            "work");

    static final String HOW_TO_GET = "Install the fortune files with 'apt-get install " + DEBIAN_PACKAGE
            + "' (Debian/Ubuntu, as root), or pass --data with the folder that holds them";

    private final Path folder;

    /** The fortune files in {@code folder} (the one holding {@code computers}, {@code law}, ...). */
    public FortunesCorpus(Path folder) {
        this.folder = folder;
    }

    /** The folder read. */
    public Path folder() {
        return folder;
    }

    @Override
    public String description() {
        return "fortune cookies, " + CATEGORIES.size() + " categories (Debian package " + DEBIAN_PACKAGE + ", "
                + folder + ")";
    }

    /** {@inheritDoc} Entries are in category and file order. */
    @Override
    List<LabeledText> texts(StringBuilder summary) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new DataNotFoundException("fortune files folder", folder.toString(), HOW_TO_GET);
        }
        List<LabeledText> texts = new ArrayList<>();
        int entries = 0;
        int empty = 0;
        for (String category : CATEGORIES) {
            Path file = folder.resolve(category);
            if (!Files.isRegularFile(file)) {
                throw new DataNotFoundException("fortune file of category '" + category + "'", file.toString(),
                        HOW_TO_GET);
            }
            List<String> raw = FortuneFile.read(file);
            for (int i = 0; i < raw.size(); i++) {
                String text = FortuneText.clean(raw.get(i));
                if (text.isEmpty()) {
                    empty++;
                } else {
                    entries++;
                    texts.add(new LabeledText(category, text, category + "#" + (i + 1)));
                }
            }
        }
        DuplicateFilter filter = DuplicateFilter.apply(texts);
        summary.append(entries).append(" entries (").append(empty).append(" empty ones dropped), ")
                .append(filter.duplicatesRemoved()).append(" duplicates and ").append(filter.conflictsRemoved())
                .append(" texts of two categories removed, ").append(filter.kept().size()).append(" kept");
        return filter.kept();
    }
}
