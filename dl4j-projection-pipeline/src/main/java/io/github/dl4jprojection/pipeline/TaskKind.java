package io.github.dl4jprojection.pipeline;

/** What a model reads: images (pixels) or texts. It decides the trainers that apply and the defaults. */
public enum TaskKind {
    /** Images of integer pixels, projected by a {@code ProjectionLayer} in the graph. */
    IMAGE("image"),
    /** Texts, featurized and projected by the runtime's SGNN text projection. */
    TEXT("text");

    private final String word;

    TaskKind(String word) {
        this.word = word;
    }

    /** "image" or "text", as messages say it. */
    @Override
    public String toString() {
        return word;
    }
}
