package io.github.dl4jprojection.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Data files that could not be found. The message names what was wanted, lists every path that was
 * looked at (one per line, or on the same line when there was only one place to look) and says how to get
 * the data.
 */
public class DataNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final List<String> searchedPaths;

    /**
     * @param what          what was wanted, e.g. "MNIST training images"
     * @param searchedPaths every path looked at, in the order tried
     * @param howToGet      one or more sentences telling the user how to obtain the data
     */
    public DataNotFoundException(String what, List<String> searchedPaths, String howToGet) {
        super(message(what, searchedPaths, howToGet));
        this.searchedPaths = Collections.unmodifiableList(new ArrayList<>(searchedPaths));
    }

    /**
     * Data that has exactly one place, {@code path}: a one-line message {@code what not found: path. howToGet}.
     *
     * @param howToGet one sentence telling the user how to obtain the data
     */
    public DataNotFoundException(String what, String path, String howToGet) {
        super(what + " not found: " + path + ". " + howToGet);
        this.searchedPaths = Collections.singletonList(path);
    }

    /** The paths looked at, in the order tried. */
    public List<String> searchedPaths() {
        return searchedPaths;
    }

    private static String message(String what, List<String> searchedPaths, String howToGet) {
        StringBuilder sb = new StringBuilder(what).append(" not found. Looked at:");
        for (String path : searchedPaths) {
            sb.append(System.lineSeparator()).append("  ").append(path);
        }
        return sb.append(System.lineSeparator()).append(howToGet).toString();
    }
}
