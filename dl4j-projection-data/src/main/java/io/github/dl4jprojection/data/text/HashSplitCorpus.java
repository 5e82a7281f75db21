package io.github.dl4jprojection.data.text;

import java.io.IOException;
import java.util.List;

/**
 * A corpus whose cleaned, de-duplicated texts are split 80/20 by {@link HashSplit}, the description of the split
 * saying what the cleaning kept and removed.
 */
abstract class HashSplitCorpus implements TextDataSource {

    @Override
    public final TrainTestTexts load() throws IOException {
        StringBuilder summary = new StringBuilder();
        List<LabeledText> texts = texts(summary);
        return HashSplit.split(texts, description() + ": " + summary);
    }

    /** Every text after cleaning and duplicate removal, in the corpus's order, before the split. */
    public final List<LabeledText> texts() throws IOException {
        return texts(new StringBuilder());
    }

    /** The texts of {@link #texts()}; appends to {@code summary} what was read, removed and kept. */
    abstract List<LabeledText> texts(StringBuilder summary) throws IOException;
}
