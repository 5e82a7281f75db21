package io.github.dl4jprojection.runtime.internal.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of dl4j-projection on the class path, as written into provenance and emitted C. */
public final class LibraryVersion {

    private static final String RESOURCE = "dl4j-projection-version.properties";
    private static final String VERSION = load();

    private LibraryVersion() {
    }

    /** The library version, or {@code "unknown"} when the build did not stamp one (an IDE build). */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown").trim();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            // The stamp is informative only: an unreadable resource must not stop models from loading.
            return "unknown";
        }
    }
}
