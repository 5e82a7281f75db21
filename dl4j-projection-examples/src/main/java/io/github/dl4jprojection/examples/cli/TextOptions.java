package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.SequencePooling;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the {@link TextSettings} of a text task, shared by {@code train}, {@code demo} and {@code bits-study}. */
final class TextOptions {

    @Option(names = "--features", paramLabel = "KEY=VALUE,...", converter = Converters.Features.class,
            description = "Text tasks: text featurizer settings overriding the defaults (docs/TEXT.md), keys "
                    + FeaturizerOption.KEYS + "; e.g. words=2,skip=0,chars=none (default: words=2,skip=1,"
                    + "chars=3-4,weighting=count).")
    FeaturizerConfig features;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Text tasks, lstm trainer: tokens read per text, the rest is cut off (default: "
                    + TextSettings.DEFAULT_MAX_TOKENS + "; demo 128).")
    Integer maxTokens;

    @Option(names = "--pooling", paramLabel = "max|avg", converter = Converters.Pooling.class,
            description = "Text tasks, lstm trainer: pooling of the LSTM outputs over the tokens (default: avg).")
    SequencePooling pooling;

    @Option(names = "--trainer-buckets", paramLabel = "N",
            description = "Text tasks, mlp trainer: hashed buckets of its bag of words (default: "
                    + TextSettings.DEFAULT_TRAINER_BUCKETS + ").")
    Integer trainerBuckets;

    /** The options given on the command line, by name. */
    List<String> given() {
        List<String> names = new ArrayList<>();
        addIfSet(names, "--features", features);
        addIfSet(names, "--max-tokens", maxTokens);
        addIfSet(names, "--pooling", pooling);
        addIfSet(names, "--trainer-buckets", trainerBuckets);
        return names;
    }

    /** Of the options given, those that only the lstm trainer reads. */
    List<String> givenLstmOnly() {
        List<String> names = new ArrayList<>();
        addIfSet(names, "--max-tokens", maxTokens);
        addIfSet(names, "--pooling", pooling);
        return names;
    }

    /** {@code defaults} with every option given applied; {@link TextSettings.Builder#build()} checks them. */
    TextSettings applyTo(TextSettings defaults) {
        TextSettings.Builder t = defaults.toBuilder();
        if (features != null) {
            t.featurizer(features);
        }
        if (maxTokens != null) {
            t.maxTokens(maxTokens);
        }
        if (pooling != null) {
            t.pooling(pooling);
        }
        if (trainerBuckets != null) {
            t.trainerBuckets(trainerBuckets);
        }
        return t.build();
    }

    private static void addIfSet(List<String> names, String name, Object value) {
        if (value != null) {
            names.add(name);
        }
    }
}
