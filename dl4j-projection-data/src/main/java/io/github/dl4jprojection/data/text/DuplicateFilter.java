package io.github.dl4jprojection.data.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes exact duplicate texts: of texts that are equal (after extraction), the first is kept when
 * they all have the same label, and all are removed when their labels disagree (such a text cannot
 * teach anything, and one copy in each split would inflate the test score).
 */
public final class DuplicateFilter {

    private final List<LabeledText> kept;
    private final int duplicatesRemoved;
    private final int conflictsRemoved;

    private DuplicateFilter(List<LabeledText> kept, int duplicatesRemoved, int conflictsRemoved) {
        this.kept = kept;
        this.duplicatesRemoved = duplicatesRemoved;
        this.conflictsRemoved = conflictsRemoved;
    }

    /** Filters {@code texts}, keeping the order of the texts kept. */
    public static DuplicateFilter apply(List<LabeledText> texts) {
        Map<String, String> labelOf = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        for (LabeledText t : texts) {
            String previous = labelOf.putIfAbsent(t.text(), t.label());
            if (previous != null && !previous.equals(t.label())) {
                conflicting.add(t.text());
            }
        }
        List<LabeledText> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        int conflicts = 0;
        for (LabeledText t : texts) {
            if (conflicting.contains(t.text())) {
                conflicts++;
            } else if (seen.add(t.text())) {
                kept.add(t);
            } else {
                duplicates++;
            }
        }
        return new DuplicateFilter(kept, duplicates, conflicts);
    }

    /** The texts kept, in their original order. */
    public List<LabeledText> kept() {
        return kept;
    }

    /** Copies removed because an equal text with the same label came first. */
    public int duplicatesRemoved() {
        return duplicatesRemoved;
    }

    /** Texts removed because an equal text has another label. */
    public int conflictsRemoved() {
        return conflictsRemoved;
    }
}
