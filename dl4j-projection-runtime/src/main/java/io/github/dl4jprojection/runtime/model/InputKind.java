package io.github.dl4jprojection.runtime.model;

/** What a model's projection consumes. The code is the byte stored in the file. */
public enum InputKind {
    /** A fixed-length vector of {@code nIn} finite floats (pixels, sensor values); key = index. */
    DENSE(0),
    /** A bag of hashed features (text): 64-bit keys with float weights, produced by a featurizer. */
    FEATURES(1);

    private final int code;

    InputKind(int code) {
        this.code = code;
    }

    /** The byte that stands for this kind in a {@code .pnet} file. */
    public int code() {
        return code;
    }

    /** The kind with the given file code, or {@code null} if none. */
    static InputKind ofCode(int code) {
        for (InputKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
