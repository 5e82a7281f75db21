package io.github.dl4jprojection.data.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The visible text of an HTML document, well enough for a bag of words: comments and the contents
 * of {@code script} and {@code style} are dropped; a tag that starts a block (paragraph, line
 * break, table cell, list item, heading...) becomes a space and any other tag disappears, so that
 * {@code V<b>i</b>agra} stays one word; character references are decoded (numeric ones, and named
 * ones of HTML 4's Latin-1 and special sets); an unknown reference is kept as written.
 */
final class HtmlText {

    private static final Set<String> BLOCK_TAGS = new HashSet<>(Arrays.asList(
            "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
            "fieldset", "footer", "form", "frame", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
            "iframe", "img", "input", "li", "map", "menu", "meta", "nav", "ol", "option", "p", "pre", "section",
            "select", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul"));

    /** Named character references: name, code point. */
    private static final Object[] ENTITY_TABLE = {
            "apos", 0x0027,
            "quot", 0x0022, "amp", 0x0026, "lt", 0x003C, "gt", 0x003E, "euro", 0x20AC, "trade", 0x2122,
            "hellip", 0x2026, "mdash", 0x2014, "ndash", 0x2013, "lsquo", 0x2018, "rsquo", 0x2019, "sbquo", 0x201A,
            "ldquo", 0x201C, "rdquo", 0x201D, "bdquo", 0x201E, "bull", 0x2022, "dagger", 0x2020, "permil", 0x2030,
            "lsaquo", 0x2039, "rsaquo", 0x203A, "OElig", 0x0152, "oelig", 0x0153, "Scaron", 0x0160, "scaron", 0x0161,
            "Yuml", 0x0178, "fnof", 0x0192, "circ", 0x02C6, "tilde", 0x02DC, "ensp", 0x2002, "emsp", 0x2003,
            "thinsp", 0x2009, "zwnj", 0x200C, "zwj", 0x200D, "lrm", 0x200E, "rlm", 0x200F, "nbsp", 0x00A0,
            "iexcl", 0x00A1, "cent", 0x00A2, "pound", 0x00A3, "curren", 0x00A4, "yen", 0x00A5, "brvbar", 0x00A6,
            "sect", 0x00A7, "uml", 0x00A8, "copy", 0x00A9, "ordf", 0x00AA, "laquo", 0x00AB, "not", 0x00AC,
            "shy", 0x00AD, "reg", 0x00AE, "macr", 0x00AF, "deg", 0x00B0, "plusmn", 0x00B1, "sup2", 0x00B2,
            "sup3", 0x00B3, "acute", 0x00B4, "micro", 0x00B5, "para", 0x00B6, "middot", 0x00B7, "cedil", 0x00B8,
            "sup1", 0x00B9, "ordm", 0x00BA, "raquo", 0x00BB, "frac14", 0x00BC, "frac12", 0x00BD, "frac34", 0x00BE,
            "iquest", 0x00BF, "Agrave", 0x00C0, "Aacute", 0x00C1, "Acirc", 0x00C2, "Atilde", 0x00C3, "Auml", 0x00C4,
            "Aring", 0x00C5, "AElig", 0x00C6, "Ccedil", 0x00C7, "Egrave", 0x00C8, "Eacute", 0x00C9, "Ecirc", 0x00CA,
            "Euml", 0x00CB, "Igrave", 0x00CC, "Iacute", 0x00CD, "Icirc", 0x00CE, "Iuml", 0x00CF, "ETH", 0x00D0,
            "Ntilde", 0x00D1, "Ograve", 0x00D2, "Oacute", 0x00D3, "Ocirc", 0x00D4, "Otilde", 0x00D5, "Ouml", 0x00D6,
            "times", 0x00D7, "Oslash", 0x00D8, "Ugrave", 0x00D9, "Uacute", 0x00DA, "Ucirc", 0x00DB, "Uuml", 0x00DC,
            "Yacute", 0x00DD, "THORN", 0x00DE, "szlig", 0x00DF, "agrave", 0x00E0, "aacute", 0x00E1, "acirc", 0x00E2,
            "atilde", 0x00E3, "auml", 0x00E4, "aring", 0x00E5, "aelig", 0x00E6, "ccedil", 0x00E7, "egrave", 0x00E8,
            "eacute", 0x00E9, "ecirc", 0x00EA, "euml", 0x00EB, "igrave", 0x00EC, "iacute", 0x00ED, "icirc", 0x00EE,
            "iuml", 0x00EF, "eth", 0x00F0, "ntilde", 0x00F1, "ograve", 0x00F2, "oacute", 0x00F3, "ocirc", 0x00F4,
            "otilde", 0x00F5, "ouml", 0x00F6, "divide", 0x00F7, "oslash", 0x00F8, "ugrave", 0x00F9, "uacute", 0x00FA,
            "ucirc", 0x00FB, "uuml", 0x00FC, "yacute", 0x00FD, "thorn", 0x00FE, "yuml", 0x00FF
    };

    private static final Map<String, Integer> ENTITIES = new HashMap<>();

    static {
        for (int i = 0; i < ENTITY_TABLE.length; i += 2) {
            ENTITIES.put((String) ENTITY_TABLE[i], (Integer) ENTITY_TABLE[i + 1]);
        }
    }

    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int close = html.indexOf('>', i + 1);
                if (close > 0 && isTagStart(html, i + 1)) {
                    String name = tagName(html, i + 1, close);
                    if (name.equals("script") || name.equals("style")) {
                        i = skipElement(html, close + 1, name);
                        out.append(' ');
                        continue;
                    }
                    if (BLOCK_TAGS.contains(name)) {
                        out.append(' ');
                    }
                    i = close + 1;
                    continue;
                }
            } else if (c == '&') {
                int consumed = appendReference(html, i, out);
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isTagStart(String s, int p) {
        if (p >= s.length()) {
            return false;
        }
        char c = s.charAt(p);
        return Character.isLetter(c) || c == '/' || c == '!' || c == '?';
    }

    /** The lower-case name of the tag between {@code p} (after '<') and {@code close}, without a leading '/'. */
    private static String tagName(String s, int p, int close) {
        int start = p < close && s.charAt(p) == '/' ? p + 1 : p;
        int end = start;
        while (end < close && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
        }
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The index after the end tag of {@code name} at or after {@code from} (case-insensitive), or the end of the text. */
    private static int skipElement(String s, int from, String name) {
        String end = "</" + name;
        for (int i = from; i + end.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, end, 0, end.length())) {
                int close = s.indexOf('>', i);
                return close < 0 ? s.length() : close + 1;
            }
        }
        return s.length();
    }

    /**
     * Decodes the character reference at {@code s[p] == '&'} into {@code out}; returns the number of
     * characters it took, or 0 when it is not a reference this class knows.
     */
    private static int appendReference(String s, int p, StringBuilder out) {
        int semi = s.indexOf(';', p + 1);
        if (semi < 0 || semi - p > 12) {
            return 0;
        }
        String body = s.substring(p + 1, semi);
        int cp = -1;
        if (body.startsWith("#x") || body.startsWith("#X")) {
            cp = parse(body.substring(2), 16);
        } else if (body.startsWith("#")) {
            cp = parse(body.substring(1), 10);
        } else {
            Integer named = ENTITIES.get(body);
            cp = named == null ? -1 : named;
        }
        if (cp < 0) {
            return 0;
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
        }
        out.appendCodePoint(cp == 0xA0 ? ' ' : cp);
        return semi - p + 1;
    }

    private static int parse(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 7) {
            return -1;
        }
        try {
            return Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
