package io.github.dl4jprojection.data;

import java.util.regex.Pattern;

/** Parsing of pixel values written as text. */
final class PixelValues {

    /** {@code 12.0}, {@code 12.}: an integer written as a decimal; exponents ({@code 1e2}) are not integers as written. */
    private static final Pattern INTEGER_WITH_ZERO_FRACTION = Pattern.compile("[0-9]{1,3}\\.0*");

    private PixelValues() {
    }

    /**
     * A pixel value: an integer 0..255, written {@code 12} or {@code 12.0}. Other numbers ({@code 0.5}, {@code 1e2}) are
     * rejected rather than rounded: the projection's float32 sums are exact only for integer inputs.
     *
     * @param column 1-based column, for the message
     * @throws DataFileException naming the file, line and column
     */
    static int parse(String file, int line, int column, String field) throws DataFileException {
        String s = field.trim();
        if (!s.isEmpty() && s.length() <= 3 && allDigits(s)) {
            int value = Integer.parseInt(s);
            if (value <= 255) {
                return value;
            }
        } else {
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new DataFileException(file, line, "column " + column + ": '" + s + "' is not a number");
            }
            if (INTEGER_WITH_ZERO_FRACTION.matcher(s).matches() && d <= 255) {
                return (int) d;
            }
        }
        throw new DataFileException(file, line, "column " + column + ": pixel value " + s
                + " is not an integer 0..255 (scale the data to 0..255: the projection needs integer pixel values)");
    }

    /**
     * True for a header line such as {@code label,pixel1,...,pixel784}: no number among the fields
     * after the first, and some text.
     */
    static boolean isHeader(String[] fields) {
        boolean hasText = false;
        for (int c = 1; c < fields.length; c++) {
            String s = fields[c].trim();
            if (isNumber(s)) {
                return false;
            }
            hasText |= !s.isEmpty();
        }
        return hasText;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
