package io.github.dl4jprojection.data.text;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What text of a fortune entry is classified (docs/TEXT_DATA.md, "Fortunes"):
 * <ol>
 *   <li>Overstrikes are resolved as a terminal shows them: a backspace removes the character before it, so
 *       {@code _\bI} is {@code I} and {@code ____\b\b\b\bonly} is {@code only}.</li>
 *   <li>Other control characters (the bell of {@code <CONTROL-G>} jokes) are removed; line ends and tabs stay
 *       for the next step.</li>
 *   <li>The attribution is removed: the last line that is indented and starts with {@code --} and a non-dash
 *       ({@code \t\t-- Mark Twain}), with the indented continuation lines after it, when text precedes it.
 *       Attributions name a few people per category (Linus Torvalds in linux, Kirk and Spock with a stardate in
 *       startrek), so keeping them would let a classifier learn a list of names instead of the texts.</li>
 *   <li>White space collapses to single spaces and the result is trimmed, as for e-mails (so texts that differ
 *       only in layout are duplicates, and a text fits one TSV line).</li>
 * </ol>
 */
final class FortuneText {

    private static final Pattern ATTRIBUTION = Pattern.compile("[ \\t]+--[ \\t]*[^\\s-].*");

    private FortuneText() {
    }

    /** The classified text of a raw entry; empty when nothing is left. */
    static String clean(String entry) {
        return MailTextExtractor.collapseWhitespace(withoutAttribution(printable(entry)));
    }

    /** Overstrikes resolved, control characters but line ends and tabs removed. */
    static String printable(String entry) {
        StringBuilder sb = new StringBuilder(entry.length());
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '\b') {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                    sb.setLength(sb.length() - 1);
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The entry without its attribution lines (see the class comment). */
    static String withoutAttribution(String entry) {
        String[] lines = entry.split("\n", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        for (int i = end - 1; i > 0; i--) {
            if (ATTRIBUTION.matcher(lines[i]).matches()) {
                return hasText(lines, i) ? String.join("\n", Arrays.copyOf(lines, i)) : entry;
            }
            if (!lines[i].isEmpty() && !Character.isWhitespace(lines[i].charAt(0))) {
                return entry; // an unindented line ends the search: attributions are the last, indented lines
            }
        }
        return entry;
    }

    private static boolean hasText(String[] lines, int end) {
        for (int i = 0; i < end; i++) {
            if (!lines[i].isBlank()) {
                return true;
            }
        }
        return false;
    }
}
