package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
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
            description = "Text tasks, lstm trainer and --model seq: tokens read per text, the rest is cut off (default: "
                    + TextSettings.DEFAULT_MAX_TOKENS + "; demo 128).")
    Integer maxTokens;

    @Option(names = "--pooling", paramLabel = "max|avg", converter = Converters.Pooling.class,
            description = "Text tasks, lstm trainer: pooling of the LSTM outputs over the tokens (default: avg).")
    SequencePooling pooling;

    @Option(names = "--trainer-buckets", paramLabel = "N",
            description = "Text tasks, mlp trainer: hashed buckets of its bag of words (default: "
                    + TextSettings.DEFAULT_TRAINER_BUCKETS + ").")
    Integer trainerBuckets;

    @Option(names = "--model", paramLabel = "bag|seq|sketch|patch", converter = Converters.Model.class,
            description = "The projection network. Images: patch (every --window patch at --stride projected to --bits"
                    + " bits, then the --conv stages and the dense layers; model format 5; the default for train) or"
                    + " bag (one projection of the whole image, --bits; the demo's). Texts: bag (SGNN: one "
                    + "projection of the whole text, --bits), seq (PRADO-like: each token projected to --token-bits, a "
                    + "bottleneck, a convolution over --conv-width tokens and max pooling; model format 2, Java runtime"
                    + " and export-c) or sketch (a signed count sketch of the text's features in --buckets values, "
                    + "unit norm, then the dense layers; model format 4) (default for texts: sketch).")
    ProjectionFamily model;

    @Option(names = "--token-bits", paramLabel = "T:d", converter = Converters.Bits.class,
            description = "--model seq: T projection functions of d bits per token (default: "
                    + "8:16).")
    ProjectionBits tokenBits;

    @Option(names = "--bottleneck", paramLabel = "N",
            description = "--model seq: width of the dense layer shared by the tokens (default: "
                    + TextSettings.DEFAULT_BOTTLENECK + ").")
    Integer bottleneck;

    @Option(names = "--conv-width", paramLabel = "K",
            description = "--model seq: tokens in the convolution's window, odd (default: "
                    + TextSettings.DEFAULT_CONV_WIDTH + ").")
    Integer convWidth;

    @Option(names = "--conv-channels", paramLabel = "C",
            description = "--model seq: channels of the convolution, the pooled width (default: "
                    + TextSettings.DEFAULT_CONV_CHANNELS + ").")
    Integer convChannels;

    @Option(names = "--buckets", paramLabel = "B",
            description = "--model sketch: buckets of the count sketch, the first dense layer's input width, 1 to "
                    + "65536 (default: " + TextSettings.DEFAULT_SKETCH_BUCKETS + ").")
    Integer buckets;

    /** The options given on the command line, by name. */
    List<String> given() {
        List<String> names = givenExceptModel();
        addIfSet(names, "--model", model);
        return names;
    }

    /** The options given on the command line that only text tasks read ({@code --model} serves images too). */
    List<String> givenExceptModel() {
        List<String> names = new ArrayList<>();
        addIfSet(names, "--features", features);
        addIfSet(names, "--max-tokens", maxTokens);
        addIfSet(names, "--pooling", pooling);
        addIfSet(names, "--trainer-buckets", trainerBuckets);
        names.addAll(givenSeqOnly());
        names.addAll(givenSketchOnly());
        return names;
    }

    /** Whether {@code --model seq} was given. */
    boolean seq() {
        return model == ProjectionFamily.SEQ;
    }

    /** Whether the model is the sketch: {@code --model sketch}, or no {@code --model} (the sketch is the default). */
    boolean sketch() {
        return (model != null ? model : TextSettings.DEFAULT_MODEL) == ProjectionFamily.SKETCH;
    }

    /** Whether {@code --model} was given. */
    boolean modelGiven() {
        return model != null;
    }

    /** Of the options given, those that only the sketch model reads. */
    List<String> givenSketchOnly() {
        List<String> names = new ArrayList<>();
        addIfSet(names, "--buckets", buckets);
        return names;
    }

    /** Of the options given, those that only the seq model reads. */
    List<String> givenSeqOnly() {
        List<String> names = new ArrayList<>();
        addIfSet(names, "--token-bits", tokenBits);
        addIfSet(names, "--bottleneck", bottleneck);
        addIfSet(names, "--conv-width", convWidth);
        addIfSet(names, "--conv-channels", convChannels);
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
        if (model != null) {
            t.model(model);
        }
        if (tokenBits != null) {
            t.tokenBits(tokenBits);
        }
        if (bottleneck != null) {
            t.bottleneck(bottleneck);
        }
        if (convWidth != null) {
            t.convWidth(convWidth);
        }
        if (convChannels != null) {
            t.convChannels(convChannels);
        }
        if (buckets != null) {
            t.buckets(buckets);
        }
        return t.build();
    }

    private static void addIfSet(List<String> names, String name, Object value) {
        if (value != null) {
            names.add(name);
        }
    }
}
