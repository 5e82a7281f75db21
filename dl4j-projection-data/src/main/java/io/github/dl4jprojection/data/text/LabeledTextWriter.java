package io.github.dl4jprojection.data.text;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes labelled texts as UTF-8 TSV, {@code label<TAB>text} per line, the format {@link LabeledTextReader} reads. */
public final class LabeledTextWriter {

    private LabeledTextWriter() {
    }

    /**
     * Writes {@code texts} to {@code out} (not closed), lines ending in LF.
     *
     * @throws IllegalArgumentException when a label holds a tab or line break, or a text a line break
     *                                  (they could not be read back); {@link MailTextExtractor} output never does
     */
    public static void writeTsv(OutputStream out, List<LabeledText> texts) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (LabeledText t : texts) {
            if (t.label().matches(".*[\\t\\r\\n].*") || !t.label().equals(t.label().trim())) {
                throw new IllegalArgumentException("label of " + t.source() + " holds a tab, a line break or "
                        + "surrounding spaces: '" + t.label() + "'");
            }
            if (t.text().indexOf('\n') >= 0 || t.text().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("text of " + t.source() + " holds a line break; TSV cannot store it");
            }
            w.write(t.label());
            w.write('\t');
            w.write(t.text());
            w.write('\n');
        }
        w.flush();
    }
}
