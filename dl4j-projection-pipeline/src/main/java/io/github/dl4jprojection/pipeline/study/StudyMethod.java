package io.github.dl4jprojection.pipeline.study;

/**
 * The models a frontier row describes. The students share the optimizer, epochs, minibatches and seed;
 * they differ in their input (raw input for the MLPs and the CNN, projection bits for the projection networks) and in
 * their loss: {@code l2 * CE(softmax(z_t), softmax(z_s)) + l3 * CE(y, softmax(z_s))} with {@code l2 = 0} for
 * the students trained alone.
 */
public enum StudyMethod {

    /** The trainer (teacher) network, trained once per task; a reference row, not part of the comparison. */
    TRAINER("trainer", "trainer"),
    /** (a) A small MLP on the raw input (pixels; hashed bag of words for text), labels only. */
    MLP_ALONE("mlp-alone", "(a) MLP alone"),
    /** (b) The same small MLP, distilled from the trainer (labels and the trainer's soft predictions). */
    MLP_DISTILLED("mlp-distilled", "(b) MLP distilled"),
    /** (c) The projection network trained alone: labels only (l1 = l2 = 0). */
    PROJECTION_ALONE("projection-alone", "(c) projection alone"),
    /** (d) The projection network trained with the joint loss against the (frozen) trainer. */
    PROJECTION_JOINT("projection-joint", "(d) projection joint"),
    /** (e) A small CNN on the pixels ({@link CnnShape}), labels only; image tasks only. */
    CNN_ALONE("cnn-alone", "(e) small CNN alone"),
    /**
     * (f) The SKETCH family's network trained alone: the text's count sketch into {@code B = T*d} buckets (no
     * stored projection, no vocabulary), then the point's dense layers; labels only. Text tasks only.
     */
    SKETCH_ALONE("sketch-alone", "(f) sketch alone"),
    /** (g) The same sketch network trained with the joint loss of (d) against the (frozen) trainer. */
    SKETCH_JOINT("sketch-joint", "(g) sketch joint");

    private final String csvName;
    private final String label;

    StudyMethod(String csvName, String label) {
        this.csvName = csvName;
        this.label = label;
    }

    /** The name in the CSV's {@code method} column. */
    public String csvName() {
        return csvName;
    }

    /** The name in plot legends. */
    public String label() {
        return label;
    }

    /** True for the students that learn from the trainer's soft predictions. */
    public boolean distilled() {
        return this == MLP_DISTILLED || this == PROJECTION_JOINT || this == SKETCH_JOINT;
    }

    /** True for the (bag) projection networks (c) and (d). */
    public boolean projection() {
        return this == PROJECTION_ALONE || this == PROJECTION_JOINT;
    }

    /** True for the sketch networks (f) and (g). */
    public boolean sketch() {
        return this == SKETCH_ALONE || this == SKETCH_JOINT;
    }

    /** True for the models exported to a {@code .pnet} file and measured with the runtime: (c), (d), (f), (g). */
    public boolean exported() {
        return projection() || sketch();
    }

    /** The method named {@code csvName} in the CSV's {@code method} column, or null if none. */
    public static StudyMethod ofCsvName(String csvName) {
        for (StudyMethod m : values()) {
            if (m.csvName.equals(csvName)) {
                return m;
            }
        }
        return null;
    }
}
