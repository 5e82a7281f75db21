package io.github.dl4jprojection.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps label text (as written in a CSV file) to class indices.
 *
 * <p>Inferred from training data: when every label is a non-negative integer, class {@code k} is
 * the integer {@code k} and the classes are {@code 0 .. max} (names "0", "1", ...); otherwise the
 * classes are the distinct labels in sorted (String) order. Integers are compared by value, so
 * "07" and "7" are the same class.
 */
public final class LabelVocabulary {

    /** The largest number of classes accepted, so that a stray huge integer label is not taken for a class count. */
    public static final int MAX_CLASSES = 10_000;

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * A vocabulary with the given class names (e.g. those stored in a model).
     *
     * @throws IllegalArgumentException when {@code names} is empty or has duplicates
     */
    public LabelVocabulary(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        for (int i = 0; i < names.size(); i++) {
            if (index.put(normalize(names.get(i)), i) != null) {
                throw new IllegalArgumentException("names has a duplicate: '" + names.get(i) + "'");
            }
        }
    }

    /**
     * Infers the vocabulary from the labels of a training set (see the class comment).
     *
     * @throws IllegalArgumentException when there are fewer than 2 or more than {@link #MAX_CLASSES} classes
     */
    public static LabelVocabulary infer(List<String> labels) {
        boolean allIntegers = !labels.isEmpty();
        int max = -1;
        for (String label : labels) {
            if (!isSmallNonNegativeInteger(label)) {
                allIntegers = false;
                break;
            }
            max = Math.max(max, Integer.parseInt(label));
        }
        List<String> names;
        if (allIntegers) {
            if (max >= MAX_CLASSES) {
                throw new IllegalArgumentException("labels: integer label " + max + " would make " + (max + 1)
                        + " classes, more than " + MAX_CLASSES + "; number the classes 0..K-1");
            }
            names = integerNames(max + 1);
        } else {
            names = new ArrayList<>(new TreeSet<>(labels));
            if (names.size() > MAX_CLASSES) {
                throw new IllegalArgumentException("labels: " + names.size() + " distinct labels, more than "
                        + MAX_CLASSES + " classes");
            }
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException("labels: found " + names.size()
                    + " class; a classifier needs at least 2 (labels seen: " + new TreeSet<>(labels) + ")");
        }
        return new LabelVocabulary(names);
    }

    /** The names "0", "1", ..., "k-1". */
    public static List<String> integerNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** Class names, indexed by class. */
    public List<String> names() {
        return names;
    }

    /** The class of {@code label}, or -1 when it is not in the vocabulary. */
    public int indexOf(String label) {
        Integer i = index.get(normalize(label));
        return i == null ? -1 : i;
    }

    private static String normalize(String label) {
        return isSmallNonNegativeInteger(label) ? Integer.toString(Integer.parseInt(label)) : label;
    }

    private static boolean isSmallNonNegativeInteger(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
