package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a user's labelled texts (docs/TEXT_DATA.md, "Your own texts"), UTF-8, optionally gzip
 * ({@code .gz}):
 * <ul>
 *   <li><b>TSV</b> ({@code .tsv}, {@code .txt}): one text per line, {@code label<TAB>text}, split at
 *       the first tab (the text may hold more tabs); no quoting or escapes.</li>
 *   <li><b>CSV</b> ({@code .csv}, RFC 4180): records {@code label,text}; a field may be quoted with
 *       {@code "}, and then hold commas, line breaks and {@code ""} for a quote.</li>
 * </ul>
 * In both, lines may end in LF, CRLF or CR, a UTF-8 byte order mark is skipped, blank lines are
 * skipped, a first record {@code label, text} (any case) is taken for a header and skipped, and
 * labels are trimmed. Anything malformed (bytes that are not UTF-8, a line without a tab, a record
 * without exactly two fields, an unterminated quote, an empty label) fails with a
 * {@link DataFileException} naming the file and line.
 */
public final class LabeledTextReader {

    /** A line ends in LF, CRLF or CR alone. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private LabeledTextReader() {
    }

    /**
     * Reads {@code file} in the format its extension names.
     *
     * @throws DataFileException when the format is unknown or the file malformed
     */
    public static List<LabeledText> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        byte[] content = Files.readAllBytes(file);
        if (base.endsWith(".csv")) {
            return readCsv(file.toString(), content);
        }
        if (base.endsWith(".tsv") || base.endsWith(".txt")) {
            return readTsv(file.toString(), content);
        }
        throw new DataFileException(file.toString(), "unknown text format: name the file .tsv or .csv (optionally .gz)");
    }

    /** Reads TSV content (gzip-compressed when it starts with the gzip magic). */
    public static List<LabeledText> readTsv(String file, byte[] content) throws IOException {
        String[] lines = LINE_BREAK.split(decodeUtf8(file, gunzipIfCompressed(file, content)), -1);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new DataFileException(file, i + 1, "expected label<TAB>text, found no tab");
            }
            String label = line.substring(0, tab).trim();
            String body = line.substring(tab + 1);
            if (out.isEmpty() && isHeader(label, body)) {
                continue;
            }
            out.add(labeled(file, i + 1, label, body));
        }
        return out;
    }

    /** Reads CSV content (gzip-compressed when it starts with the gzip magic). */
    public static List<LabeledText> readCsv(String file, byte[] content) throws IOException {
        return new CsvParser(file, decodeUtf8(file, gunzipIfCompressed(file, content))).parse();
    }

    /**
     * An RFC 4180 state machine over the whole text; records are {@code label,text}. Kept rather than Commons CSV,
     * which reads a quote inside an unquoted field as a literal (this format refuses it: it is nearly always a
     * text that should have been quoted) and reports errors only inside its message text, while these errors name
     * the line where the problem is (the opening quote of an unterminated field).
     */
    private static final class CsvParser {
        private static final int FIELD_START = 0;
        private static final int UNQUOTED = 1;
        private static final int QUOTED = 2;
        private static final int AFTER_QUOTE = 3;

        private final String file;
        private final String s;
        private final List<LabeledText> out = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean quotedSeen;
        private int line = 1;
        private int recordLine = 1;

        CsvParser(String file, String s) {
            this.file = file;
            this.s = s;
        }

        List<LabeledText> parse() throws DataFileException {
            int state = FIELD_START;
            int quoteLine = 0;
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                boolean newline = c == '\n' || c == '\r';
                int width = c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
                switch (state) {
                    case QUOTED:
                        if (c == '"' && i + 1 < n && s.charAt(i + 1) == '"') {
                            field.append('"');
                            width = 2;
                        } else if (c == '"') {
                            state = AFTER_QUOTE;
                        } else {
                            if (newline) {
                                line++;
                            }
                            field.append(s, i, i + width);
                        }
                        break;
                    case AFTER_QUOTE:
                        if (c == ',') {
                            endField();
                            state = FIELD_START;
                        } else if (newline) {
                            endRecord();
                            state = FIELD_START;
                        } else {
                            throw new DataFileException(file, line, "unexpected character '" + c
                                    + "' after a closing quote (a quote inside a quoted field is written \"\")");
                        }
                        break;
                    default:
                        if (c == '"' && state == FIELD_START) {
                            state = QUOTED;
                            quotedSeen = true;
                            quoteLine = line;
                        } else if (c == '"') {
                            throw new DataFileException(file, line, "quote inside an unquoted field: quote the whole field");
                        } else if (c == ',') {
                            endField();
                            state = FIELD_START;
                        } else if (newline) {
                            endRecord();
                            state = FIELD_START;
                        } else {
                            field.append(c);
                            state = UNQUOTED;
                        }
                        break;
                }
                i += width;
            }
            if (state == QUOTED) {
                throw new DataFileException(file, quoteLine, "unterminated quoted field");
            }
            if (state != FIELD_START || !fields.isEmpty()) {
                endRecord();
            }
            return out;
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
        }

        private void endRecord() throws DataFileException {
            endField();
            boolean blank = fields.size() == 1 && !quotedSeen && fields.get(0).trim().isEmpty();
            if (!blank) {
                addCsvRecord(file, recordLine, fields, out);
            }
            fields.clear();
            quotedSeen = false;
            line++;
            recordLine = line;
        }
    }

    private static void addCsvRecord(String file, int line, List<String> fields, List<LabeledText> out)
            throws DataFileException {
        if (fields.size() != 2) {
            throw new DataFileException(file, line, "expected 2 fields (label,text), found " + fields.size()
                    + (fields.size() > 2 ? ": quote a text that contains commas" : ""));
        }
        String label = fields.get(0).trim();
        if (out.isEmpty() && isHeader(label, fields.get(1))) {
            return;
        }
        out.add(labeled(file, line, label, fields.get(1)));
    }

    private static boolean isHeader(String label, String text) {
        return label.equalsIgnoreCase("label") && text.trim().equalsIgnoreCase("text");
    }

    private static LabeledText labeled(String file, int line, String label, String text) throws DataFileException {
        if (label.isEmpty()) {
            throw new DataFileException(file, line, "empty label");
        }
        return new LabeledText(label, text, file + ":" + line);
    }

    private static byte[] gunzipIfCompressed(String file, byte[] content) throws IOException {
        if (content.length < 2 || (content[0] & 0xFF) != 0x1F || (content[1] & 0xFF) != 0x8B) {
            return content;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new DataFileException(file, "damaged gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            // GZIPInputStream's "Unexpected end of ZLIB input stream": the copy or download stopped early.
            throw new DataFileException(file, "truncated gzip data: the file ends before its compressed stream does"
                    + " (an interrupted copy or download?)", e);
        }
    }

    /** Strict UTF-8; the first malformed byte is reported with its line. A leading byte order mark is dropped. */
    static String decodeUtf8(String file, byte[] bytes) throws DataFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                    line++;
                }
            }
            throw new DataFileException(file, line, String.format("not valid UTF-8 (byte 0x%02X at offset %d); "
                    + "save the file as UTF-8", bytes[at] & 0xFF, at));
        }
        decoder.flush(out);
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
