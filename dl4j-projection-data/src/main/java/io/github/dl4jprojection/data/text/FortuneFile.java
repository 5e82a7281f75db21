package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fortune cookie file of fortune-mod ({@code strfile(8)} input): entries separated by lines that hold
 * only {@code %}. Read as UTF-8 when the bytes are valid UTF-8, else as windows-1252 (older fortune-mod
 * releases shipped some files in Latin-1 beside a recoded {@code .u8} twin; in the Debian 12 package every
 * file is UTF-8 and each {@code .u8} is a symbolic link to it, so the plain name is read). LF, CRLF and CR
 * line ends are accepted. The {@code .dat} index beside the file is not needed and not read.
 */
final class FortuneFile {

    /** The separator line. */
    static final String SEPARATOR = "%";
    /** The largest file of the package is 245 KB; a file beyond this is not a fortune file. */
    static final long MAX_FILE_BYTES = 16L << 20;

    private FortuneFile() {
    }

    /**
     * The raw entries of {@code file} in file order, line ends as {@code \n}, as written (an entry may be blank:
     * files end with a separator).
     *
     * @throws DataFileException naming the file when it is larger than {@link #MAX_FILE_BYTES}
     */
    static List<String> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new DataFileException(file.toString(), size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a fortune file may have: not a fortune file?");
        }
        return entries(CharsetDecoding.decode(Files.readAllBytes(file), null));
    }

    /** The entries of a file's text. */
    static List<String> entries(String content) {
        String[] lines = content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        // The file's last line end terminates a line; it does not start an empty one.
        int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : Arrays.copyOf(lines, n)) {
            if (line.equals(SEPARATOR)) {
                entries.add(entry.toString());
                entry.setLength(0);
            } else {
                entry.append(line).append('\n');
            }
        }
        entries.add(entry.toString());
        return entries;
    }
}
