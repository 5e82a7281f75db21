package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.data.DataFileException;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.LabeledTextReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One TSV line ({@code label<TAB>text}) with the rules of the single-machine reader
 * ({@link LabeledTextReader#readTsv}, docs/TEXT_DATA.md): split at the first tab, label trimmed and not empty,
 * strict UTF-8, blank lines skipped, a byte order mark dropped. A first line {@code label<TAB>text} is a header
 * only at the start of a file.
 */
final class TsvLineParser {

    private TsvLineParser() {
    }

    /**
     * @return the labelled text, or null for a blank line or a header
     * @throws InputLineException naming the problem
     */
    static LabeledText parse(SourceLine line) {
        String where = line.file() + "@" + line.byteOffset();
        List<LabeledText> parsed;
        try {
            parsed = LabeledTextReader.readTsv(where, line.utf8());
        } catch (DataFileException e) {
            throw line.error(problemOf(e));
        } catch (IOException e) {
            throw line.error(String.valueOf(e.getMessage()));
        }
        if (!parsed.isEmpty()) {
            return parsed.get(0);
        }
        String decoded = new String(line.utf8(), StandardCharsets.UTF_8);
        if (decoded.trim().isEmpty() || line.byteOffset() == 0) {
            return null;
        }
        // A "label<TAB>text" line past the start of a file is data, not a header.
        int tab = decoded.indexOf('\t');
        return new LabeledText(decoded.substring(0, tab).trim(), decoded.substring(tab + 1), where);
    }

    /** The reader's message without its "file:line: " prefix, which names the one-line buffer given to it. */
    private static String problemOf(DataFileException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.line() > 0 ? e.file() + ":" + e.line() + ": " : e.file() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
