package io.github.dl4jprojection.pipeline;

/**
 * The weights of the joint loss
 * {@code L = l1 * CE(trainer, labels) + l2 * CE(projection, trainer's soft predictions) + l3 * CE(projection, labels)},
 * written {@code l1,l2,l3} on the command line. The paper's defaults are {@code 1.0,0.1,1.0}.
 */
public final class LossWeights {

    /** The paper's weights, 1.0, 0.1, 1.0. */
    public static final LossWeights PAPER_DEFAULTS = new LossWeights(1.0, 0.1, 1.0);

    private final double trainer;
    private final double distillation;
    private final double projection;

    /**
     * @throws IllegalArgumentException naming the weight when one is negative or not finite, or when
     *     l2 and l3 are both 0 (the projection network would learn nothing)
     */
    public LossWeights(double trainer, double distillation, double projection) {
        check("l1 (trainer loss weight)", trainer);
        check("l2 (distillation loss weight)", distillation);
        check("l3 (projection loss weight)", projection);
        if (distillation == 0 && projection == 0) {
            throw new IllegalArgumentException("l2 and l3 must not both be 0: the projection network would not be trained");
        }
        this.trainer = trainer;
        this.distillation = distillation;
        this.projection = projection;
    }

    /**
     * Parses {@code l1,l2,l3}, e.g. {@code 1.0,0.1,1.0}.
     *
     * @throws IllegalArgumentException saying the expected form
     */
    public static LossWeights parse(String text) {
        String[] parts = text.trim().split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("lambda must be three weights l1,l2,l3, e.g. 1.0,0.1,1.0, got '" + text + "'");
        }
        try {
            return new LossWeights(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lambda must be three numbers l1,l2,l3, e.g. 1.0,0.1,1.0, got '" + text + "'", e);
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    /** l1: weight of the trainer's cross-entropy with the labels. */
    public double trainer() {
        return trainer;
    }

    /** l2: weight of the projection network's cross-entropy with the trainer's soft predictions. */
    public double distillation() {
        return distillation;
    }

    /** l3: weight of the projection network's cross-entropy with the labels. */
    public double projection() {
        return projection;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LossWeights)) {
            return false;
        }
        LossWeights w = (LossWeights) o;
        return Double.compare(trainer, w.trainer) == 0 && Double.compare(distillation, w.distillation) == 0
                && Double.compare(projection, w.projection) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(trainer) * 961 + Double.hashCode(distillation) * 31 + Double.hashCode(projection);
    }

    @Override
    public String toString() {
        return trainer + "," + distillation + "," + projection;
    }
}
