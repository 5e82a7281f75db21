package io.github.dl4jprojection.runtime.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of the featurizer that turns raw input (text) into the hashed feature bag a
 * {@link InputKind#FEATURES} model projects. The {@code .pnet} format stores them as an opaque,
 * separately versioned section: a kind (for example {@code "sgnn-text"}), the version of that
 * featurizer's rules and an ordered string map of settings. The format does not interpret them,
 * so a featurizer can gain settings without a format change; the runtime that implements
 * {@code kind} at {@code version} gives them meaning.
 */
public final class FeaturizerSection {

    private final String kind;
    private final int version;
    private final Map<String, String> settings;

    private FeaturizerSection(String kind, int version, Map<String, String> settings) {
        this.kind = kind;
        this.version = version;
        this.settings = settings;
    }

    /**
     * A featurizer configuration.
     *
     * @param kind     non-empty name of the featurizer
     * @param version  version of that featurizer's rules, at least 1
     * @param settings ordered settings, copied; keys non-empty and (being map keys) distinct
     * @throws IllegalArgumentException naming the parameter that breaks a rule
     */
    public static FeaturizerSection of(String kind, int version, Map<String, String> settings) {
        if (Utf8.encode(kind, "featurizer kind").length == 0) {
            throw new IllegalArgumentException("featurizer kind must not be empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("featurizer version must be at least 1, got " + version);
        }
        if (settings == null) {
            throw new IllegalArgumentException("featurizer settings must not be null (use an empty map)");
        }
        return new FeaturizerSection(kind, version, copyMap(settings, "featurizer setting"));
    }

    /** Validated, unmodifiable, order-preserving copy shared with the provenance map. */
    static Map<String, String> copyMap(Map<String, String> map, String what) {
        if (map.size() > PnetFormat.MAX_MAP_ENTRIES) {
            throw new IllegalArgumentException(what + "s: at most " + PnetFormat.MAX_MAP_ENTRIES
                    + " entries are allowed, got " + map.size());
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (Utf8.encode(e.getKey(), what + " key").length == 0) {
                throw new IllegalArgumentException(what + " key must not be empty");
            }
            Utf8.encode(e.getValue(), what + " " + Utf8.quote(e.getKey()));
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The featurizer's name. */
    public String kind() {
        return kind;
    }

    /** The version of the featurizer's rules. */
    public int version() {
        return version;
    }

    /** The settings, unmodifiable, in file order. */
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeaturizerSection)) {
            return false;
        }
        FeaturizerSection other = (FeaturizerSection) o;
        return kind.equals(other.kind) && version == other.version && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + version) * 31 + settings.hashCode();
    }

    @Override
    public String toString() {
        return "FeaturizerSection{" + kind + " v" + version + ", " + settings + "}";
    }
}
