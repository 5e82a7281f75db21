package io.github.dl4jprojection.data.text;

import java.util.Objects;

/**
 * One text with its label, and where it came from (for messages about it: a corpus file name, or a
 * file and line number).
 */
public final class LabeledText {

    private final String label;
    private final String text;
    private final String source;

    /**
     * @throws IllegalArgumentException when a field is null or the label is empty
     */
    public LabeledText(String label, String text, String source) {
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("label must not be null or empty");
        }
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        this.label = label;
        this.text = text;
        this.source = source;
    }

    public String label() {
        return label;
    }

    public String text() {
        return text;
    }

    /** Where the text came from, e.g. {@code spam-2/00006} or {@code mail.tsv:12}. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LabeledText)) {
            return false;
        }
        LabeledText t = (LabeledText) o;
        return label.equals(t.label) && text.equals(t.text) && source.equals(t.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, text, source);
    }

    @Override
    public String toString() {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return source + " [" + label + "] " + shown;
    }
}
