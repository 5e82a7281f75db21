package io.github.dl4jprojection.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A labelled text data set split into training and test texts, with its class names (sorted) and a description. */
public final class TrainTestTexts {

    private final List<LabeledText> train;
    private final List<LabeledText> test;
    private final List<String> labelNames;
    private final String description;

    /**
     * @throws IllegalArgumentException when a text's label is not among {@code labelNames}
     */
    public TrainTestTexts(List<LabeledText> train, List<LabeledText> test, List<String> labelNames, String description) {
        this.train = Collections.unmodifiableList(new ArrayList<>(train));
        this.test = Collections.unmodifiableList(new ArrayList<>(test));
        this.labelNames = Collections.unmodifiableList(new ArrayList<>(labelNames));
        this.description = description;
        for (List<LabeledText> part : List.of(this.train, this.test)) {
            for (LabeledText t : part) {
                if (!this.labelNames.contains(t.label())) {
                    throw new IllegalArgumentException("label '" + t.label() + "' of " + t.source()
                            + " is not one of " + this.labelNames);
                }
            }
        }
    }

    public List<LabeledText> train() {
        return train;
    }

    public List<LabeledText> test() {
        return test;
    }

    /** The class names; class {@code k} is {@code labelNames().get(k)}. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The class index of {@code text}'s label. */
    public int labelIndex(LabeledText text) {
        return labelNames.indexOf(text.label());
    }

    public String description() {
        return description;
    }
}
