package io.github.dl4jprojection.examples.cli;

/** Formats durations for people: 45s, 3m05s, 2h07m. */
final class Durations {

    private Durations() {
    }

    static String format(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
