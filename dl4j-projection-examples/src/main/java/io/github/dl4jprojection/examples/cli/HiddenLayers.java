package io.github.dl4jprojection.examples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The widths of the projection network's hidden layers: {@code 256,128}, or {@code none}. */
final class HiddenLayers {

    private final List<Integer> widths;

    private HiddenLayers(List<Integer> widths) {
        this.widths = Collections.unmodifiableList(widths);
    }

    /** @throws IllegalArgumentException saying the expected form */
    static HiddenLayers parse(String text) {
        String t = text.trim();
        List<Integer> widths = new ArrayList<>();
        if (t.equalsIgnoreCase("none") || t.isEmpty()) {
            return new HiddenLayers(widths);
        }
        for (String part : t.split(",", -1)) {
            int width;
            try {
                width = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden layers must be positive integers separated by commas "
                        + "(e.g. 256,128) or none, got '" + text + "'", e);
            }
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be at least 1, got " + width);
            }
            widths.add(width);
        }
        return new HiddenLayers(widths);
    }

    List<Integer> widths() {
        return widths;
    }

    @Override
    public String toString() {
        if (widths.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int w : widths) {
            sb.append(sb.length() == 0 ? "" : ",").append(w);
        }
        return sb.toString();
    }
}
