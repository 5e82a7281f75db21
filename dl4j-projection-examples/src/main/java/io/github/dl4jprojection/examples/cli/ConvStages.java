package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.PatchStage;
import java.util.List;

/**
 * The value of {@code --conv}: {@code K:C:Q[,K:C:Q...]} or {@code none}, one option value (picocli would split a
 * {@code List} field into several).
 */
final class ConvStages {

    private final List<PatchStage> stages;

    private ConvStages(List<PatchStage> stages) {
        this.stages = stages;
    }

    /** @throws IllegalArgumentException saying the expected form ({@link PatchStage#parseList}) */
    static ConvStages parse(String text) {
        return new ConvStages(PatchStage.parseList(text));
    }

    List<PatchStage> stages() {
        return stages;
    }

    @Override
    public String toString() {
        return PatchStage.format(stages);
    }
}
