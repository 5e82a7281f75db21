package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.text.TextTables;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Emits a {@link ProjectionModel} as C99 source for microcontrollers (the emlearn pattern: data as
 * {@code const} arrays plus a small hand-written, tested runtime). {@link #export} writes into a
 * folder:
 * <ul>
 *   <li>{@code pnet_model_<name>.h} ({@link #headerFileName}): the model as {@code static const} arrays and a {@code pnet_model} named
 *       {@code <name>_model}, with macros {@code <NAME>_N_IN}, {@code <NAME>_NUM_BITS},
 *       {@code <NAME>_NUM_WORDS}, {@code <NAME>_NUM_LABELS} and {@code <NAME>_SCRATCH_FLOATS} (the
 *       scratch a call needs). Include it in one {@code .c} file. A text model (a featurizer section of kind
 *       {@value FeaturizerConfig#KIND}, version {@value FeaturizerConfig#VERSION}) also gets a
 *       {@code pnet_text_config} {@code <name>_text} with the featurizer settings and the code point tables,
 *       emitted from {@link TextTables} so that C and Java classify and fold alike by construction, and the
 *       macro {@code <NAME>_TEXT_SCRATCH_BYTES} ({@link #textScratchBytes}); it runs on raw UTF-8 with
 *       {@code pnet_predict_text}. A sequence model (format 2's SEQUENCE family, which needs that featurizer) also
 *       gets its token encoder as a {@code pnet_sequence} {@code <name>_sequence} and the macros
 *       {@code <NAME>_MAX_TOKENS} and {@code <NAME>_TOKEN_BITS_WORDS}; {@code pnet_predict_text} runs it too, and its
 *       {@code <NAME>_SCRATCH_FLOATS} covers the encoder ({@link #sequenceScratchFloats}). A sketch model (format 4's
 *       SKETCH family: the count sketch of the feature bag, {@code B} floats, in place of the projection bits) gets a
 *       {@code pnet_sketch} {@code <name>_sketch} and the macro {@code <NAME>_SKETCH_BUCKETS}; {@code pnet_predict_text}
 *       and {@code pnet_predict_features} run it, and {@code pnet_sketch_text} gives the {@code B} floats.</li>
 *   <li>{@code pnet_runtime.h}, {@code pnet_runtime.c}: the runtime (no malloc, no mutable globals;
 *       the projection matrix is recomputed from hashes, never stored).</li>
 * </ul>
 * Floats are written as C99 hexadecimal literals, so the device holds exactly the weights the Java
 * runtime holds. The output depends only on the model and the library version.
 */
public final class CExporter {

    /** The runtime files copied next to the model header. */
    public static final String[] RUNTIME_FILES = {"pnet_runtime.h", "pnet_runtime.c"};

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> RESERVED = new HashSet<>(Arrays.asList("auto", "break", "case", "char",
            "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if",
            "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static",
            "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "pnet_runtime"));
    private static final int VALUES_PER_LINE = 6;

    /** Most bytes of precomputed projection columns in a header: 16 MiB, beyond any microcontroller's flash. */
    public static final long MAX_PRECOMPUTED_BYTES = 16L << 20;

    private CExporter() {
    }

    /**
     * Writes {@code pnet_model_<name>.h} and the runtime files into {@code directory}, creating it if needed
     * and replacing files of the same names.
     *
     * @param name a C identifier (letters, digits, underscore; not a keyword), prefix of every emitted symbol
     * @return the path of the model header
     * @throws IllegalArgumentException if {@code model} or {@code directory} is null, {@code name} is not a usable
     *                                  identifier or a label holds a NUL character (see {@link #header})
     */
    public static Path export(ProjectionModel model, Path directory, String name) throws IOException {
        return export(model, directory, name, false);
    }

    /**
     * As {@link #export(ProjectionModel, Path, String)}; with {@code precomputeColumns}, a dense model's header
     * also holds every input's non-zero projection entries (see {@link #header(ProjectionModel, String, boolean)}).
     */
    public static Path export(ProjectionModel model, Path directory, String name, boolean precomputeColumns)
            throws IOException {
        if (model == null || directory == null) {
            throw new IllegalArgumentException("model and directory must not be null");
        }
        // The text first: a model that cannot be emitted leaves nothing behind.
        byte[] text = header(model, name, precomputeColumns).getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(directory);
        Path header = directory.resolve(headerFileName(name));
        Files.write(header, text);
        for (String file : RUNTIME_FILES) {
            Files.write(directory.resolve(file), runtimeSource(file));
        }
        return header;
    }

    /**
     * The file name of the model header for the symbol prefix {@code name}: {@code pnet_model_<name>.h}. The
     * prefix keeps a model named after its file from shadowing a system header ({@code features.pnet} would
     * otherwise give {@code features.h}, which glibc's own headers include).
     *
     * @throws IllegalArgumentException if {@code name} is not a usable identifier
     */
    public static String headerFileName(String name) {
        checkName(name);
        return "pnet_model_" + name + ".h";
    }

    /**
     * The model header text for {@code model} under the symbol prefix {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is not a usable identifier, or a label holds a NUL
     *                                  character: the C runtime's labels are NUL-terminated strings, which would
     *                                  cut it short (every other byte is escaped)
     */
    public static String header(ProjectionModel model, String name) {
        return header(model, name, false);
    }

    /**
     * The model header text; with {@code precomputeColumns} it also holds, for a dense model, the columns of every
     * input's +1 and -1 projection entries ({@code <name>_column_starts}, {@code <name>_columns}), so that the C
     * runtime adds each pixel to its entries' accumulators without regenerating them from hashes: the Java
     * runtime's column lists, as flash. Costs {@code 4 (2 nIn + 1) + 2 E} bytes for {@code E} non-zero entries
     * (about {@code nIn * T * d * density}); the bits and the float sums are the same either way.
     *
     * @throws IllegalArgumentException as {@link #header(ProjectionModel, String)}, and for precomputed columns of a
     *                                  feature model (its keys are not known in advance) or of more than
     *                                  {@value #MAX_PRECOMPUTED_BYTES} bytes
     */
    public static String header(ProjectionModel model, String name, boolean precomputeColumns) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        checkName(name);
        if (model.family() == ModelFamily.PATCH) {
            throw new IllegalArgumentException("a PATCH model (format version 5) does not run in the C runtime yet; use"
                    + " the Java runtime (dl4j-projection-runtime)");
        }
        for (int j = 0; j < model.numLabels(); j++) {
            if (model.labelName(j).indexOf('\0') >= 0) {
                throw new IllegalArgumentException("label " + j + " \"" + model.labelName(j).replace("\0", "\\0")
                        + "\" holds a NUL character, which a C string cannot: rename it before exporting to C");
            }
        }
        String upper = name.toUpperCase(Locale.ROOT);
        ProjectionSpec spec = model.projectionSpec();
        SequenceEncoder sequence = model.sequenceEncoder();
        boolean sketch = model.family() == ModelFamily.SKETCH;
        // pnet_forward reads each layer's input at one end of the scratch and writes its output at the other.
        long scratchValues = sequence == null ? spec.numBits() : sequenceScratchFloats(model);
        for (DenseBlock layer : model.layers()) {
            scratchValues = Math.max(scratchValues, layer.nIn() + layer.nOut());
        }
        boolean dense = model.input().kind() == InputKind.DENSE;
        FeaturizerConfig text = textConfig(model);
        if (sequence != null && text == null) {
            throw new IllegalArgumentException("a sequence model runs in C on raw text only, with the "
                    + FeaturizerConfig.KIND + " version " + FeaturizerConfig.VERSION + " featurizer; this model's is "
                    + comment(model.input().featurizer().toString()));
        }
        StringBuilder c = new StringBuilder(1 << 16);
        c.append("/*\n * ").append(headerFileName(name)).append(": projection network \"").append(name)
                .append("\" as constant data.\n * Generated by dl4j-projection ").append(comment(LibraryVersion.get()))
                .append(" (model format ").append(PnetFormat.VERSION).append("), do not edit.\n *\n");
        c.append(" * Input: ").append(dense ? comment(model.input().toString())
                : "hashed features; featurizer " + comment(model.input().featurizer().toString())).append('\n');
        if (sketch) {
            c.append(" * Count sketch: B = ").append(spec.numBits()).append(" buckets, unit L2 norm (pnet_sketch_text)\n");
        } else {
            c.append(" * Projection: T = ").append(spec.numFunctions()).append(", d = ").append(spec.bitsPerFunction())
                    .append(", density 1/").append(1 << spec.sparsityLog2()).append(", ").append(model.encoding())
                    .append(sequence == null ? "\n" : " (per token)\n * Sequence encoder: "
                            + comment(sequence.toString()) + "\n");
        }
        for (Map.Entry<String, String> e : model.provenance().entrySet()) {
            c.append(" * ").append(comment(e.getKey())).append(": ").append(comment(e.getValue())).append('\n');
        }
        if (model.isFixedPoint()) {
            c.append(" *\n * Integer-only (INT8_FIXED): the label needs no float operation (docs/EMBEDDED.md):\n")
                    .append(" *   static int32_t scratch[").append(upper).append("_SCRATCH_INTS];\n")
                    .append(" *   int32_t logits[").append(upper).append("_NUM_LABELS];\n")
                    .append(dense ? " *   int label = pnet_predict_pixels(&" + name + "_model, pixels, scratch, logits);\n"
                            : text == null ? " *   pnet_project_features(...), pnet_encode_bits(...), then\n"
                            + " *   int label = pnet_forward_fixed(&" + name + "_model, scratch, logits);\n"
                            : " *   static uint64_t text_scratch[" + upper + "_TEXT_SCRATCH_BYTES / 8];\n"
                            + " *   int label = pnet_predict_text_fixed(&" + name + "_model, utf8, len, text_scratch,\n"
                            + " *                                       sizeof text_scratch, scratch, logits);\n")
                    .append(" *   pnet_fixed_probabilities(&").append(name).append("_model, logits, p);  (optional, float)\n")
                    .append(" */\n");
        } else {
            c.append(" *\n * Use (in one .c file, with pnet_runtime.c compiled as C99 without FMA contraction):\n")
                .append(" *   static float scratch[").append(upper).append("_SCRATCH_FLOATS];\n")
                .append(" *   float p[").append(upper).append("_NUM_LABELS];\n")
                .append(dense ? " *   int label = pnet_predict_dense(&" + name + "_model, x, scratch, p);\n"
                        : text == null
                        ? " *   int label = pnet_predict_features(&" + name + "_model, keys, weights, count, scratch, p);\n"
                        : " *   static uint64_t text_scratch[" + upper + "_TEXT_SCRATCH_BYTES / 8];\n"
                        + " *   int label = pnet_predict_text(&" + name + "_model, utf8, len, text_scratch,\n"
                        + " *                                 sizeof text_scratch, scratch, p);\n")
                .append(" */\n");
        }
        c.append("#ifndef PNET_MODEL_").append(upper).append("_H\n#define PNET_MODEL_").append(upper).append("_H\n\n");
        c.append("#include \"pnet_runtime.h\"\n\n");
        // A header generated for one format version refuses a runtime copied for another.
        c.append("#if PNET_FORMAT_VERSION != ").append(PnetFormat.VERSION).append("\n#error \"")
                .append(headerFileName(name)).append(" was generated for .pnet format ").append(PnetFormat.VERSION)
                .append(": compile it with the pnet_runtime.h exported with it\"\n#endif\n\n");
        define(c, upper + "_N_IN", dense ? model.input().nIn() : 0);
        define(c, upper + "_NUM_BITS", spec.numBits());
        define(c, upper + "_NUM_WORDS", spec.numWords());
        define(c, upper + "_NUM_LABELS", model.numLabels());
        define(c, upper + "_SCRATCH_FLOATS", scratchValues);
        if (model.isFixedPoint()) {
            // The integer calls take an int32_t scratch of the same count (pnet_forward_fixed, pnet_predict_pixels).
            define(c, upper + "_SCRATCH_INTS", scratchValues);
            define(c, upper + "_FIXED", 1);
        }
        if (!dense) {
            FeaturizerSection f = model.input().featurizer();
            c.append("#define ").append(upper).append("_FEATURIZER_KIND ").append(stringLiteral(f.kind())).append('\n');
            define(c, upper + "_FEATURIZER_VERSION", f.version());
        }
        if (text != null) {
            define(c, upper + "_TEXT_MAX_CODE_POINTS", text.maxCodePoints());
            define(c, upper + "_TEXT_MAX_FEATURES", text.maxFeatures());
            define(c, upper + "_TEXT_SCRATCH_BYTES", textScratchBytes(text));
        }
        if (sequence != null) {
            // pnet_encode_text's optional output: every token's packed bits.
            define(c, upper + "_MAX_TOKENS", sequence.maxTokens());
            define(c, upper + "_TOKEN_BITS_WORDS", (long) sequence.maxTokens() * spec.numWords());
        }
        if (sketch) {
            // B: the floats pnet_sketch_text leaves at the start of the scratch, the first layer's input.
            define(c, upper + "_SKETCH_BUCKETS", spec.numBits());
        }
        c.append('\n');
        if (sequence != null) {
            layerArrays(c, name + "_token", sequence.tokenLayer());
            layerArrays(c, name + "_conv", sequence.convLayer());
        }
        for (int l = 0; l < model.layers().size(); l++) {
            layerArrays(c, name + "_l" + l, model.layers().get(l));
        }
        boolean fixed = model.isFixedPoint();
        c.append("static const ").append(fixed ? "pnet_fixed_layer " : "pnet_layer ").append(name)
                .append(fixed ? "_fixed_layers[" : "_layers[").append(model.layers().size()).append("] = {\n");
        for (int l = 0; l < model.layers().size(); l++) {
            DenseBlock layer = model.layers().get(l);
            String p = name + "_l" + l;
            c.append("    {");
            if (fixed) {
                c.append(layer.nIn()).append("u, ").append(layer.nOut()).append("u, ")
                        .append(layer.nonlinearity().code()).append(", ");
                c.append(p).append("_quantized, ").append(p).append("_bias, ").append(p).append("_multipliers, ")
                        .append(p).append("_shifts, ").append(layer.table() == null ? "NULL" : p + "_table");
            } else {
                layerFields(c, p, layer);
            }
            c.append('}').append(l + 1 < model.layers().size() ? "," : "").append("  /* ")
                    .append(layer.nonlinearity()).append(" */\n");
        }
        c.append("};\n\n");
        if (sequence != null) {
            c.append("/* The token encoder (docs/FORMAT.md section 10.3): L, k, the bottleneck, the convolution. */\n")
                    .append("static const pnet_sequence ").append(name).append("_sequence = {\n    ")
                    .append(upper).append("_MAX_TOKENS, ").append(sequence.convWidth()).append("u,\n    {");
            layerFields(c, name + "_token", sequence.tokenLayer());
            c.append("},  /* ").append(sequence.tokenLayer().nonlinearity()).append(" */\n    {");
            layerFields(c, name + "_conv", sequence.convLayer());
            c.append("},  /* ").append(sequence.convLayer().nonlinearity()).append(" */\n    pnet_encode_text\n};\n\n");
        }
        if (sketch) {
            c.append("/* The count sketch (docs/PROJECTION.md, \"Count sketch\"): B = num_bits buckets, hashed with seed. */\n")
                    .append("static const pnet_sketch ").append(name)
                    .append("_sketch = {pnet_sketch_text, pnet_sketch_features};\n\n");
        }
        c.append("static const char *const ").append(name).append("_labels[").append(model.numLabels())
                .append("] = {\n");
        for (int j = 0; j < model.numLabels(); j++) {
            c.append("    ").append(stringLiteral(model.labelName(j))).append(j + 1 < model.numLabels() ? ",\n" : "\n");
        }
        c.append("};\n\n");
        if (text != null) {
            textConfig(c, name, upper, text);
        }
        boolean columns = precomputeColumns && columnArrays(c, name, model);
        c.append("static const pnet_model ").append(name).append("_model = {\n")
                .append("    ").append(spec.numFunctions()).append("u, ").append(spec.bitsPerFunction())
                .append("u, ").append(spec.numBits()).append("u, ").append(spec.numWords()).append("u,\n")
                .append("    UINT64_C(0x").append(String.format("%016x", spec.seed())).append("),  /* seed ")
                .append(spec.seed()).append(" */\n")
                .append("    ").append(spec.sparsityLog2()).append("u, ")
                .append(model.encoding() == BitEncoding.ZERO_ONE ? "PNET_ZERO_ONE" : "PNET_PLUS_MINUS_ONE").append(", ")
                .append(dense ? "PNET_DENSE" : "PNET_FEATURES").append(", ").append(upper).append("_N_IN,\n")
                .append("    ").append(model.layers().size()).append("u, ").append(fixed ? "NULL" : name + "_layers")
                .append(",\n")
                .append("    ").append(upper).append("_NUM_LABELS, ").append(name).append("_labels,\n")
                .append("    ").append(upper).append("_SCRATCH_FLOATS,\n")
                .append("    ").append(text == null ? "NULL" : "&" + name + "_text").append(",\n")
                .append("    ").append(columns ? name + "_column_starts, " + name + "_columns" : "NULL, NULL")
                .append(",\n    ").append(fixed ? name + "_fixed_layers, " + floatLiteral(model.logitScale())
                        + "  /* integer-only: logit scale */" : "NULL, 0.0f")
                .append(",\n    ").append(sequence == null ? "NULL" : "&" + name + "_sequence")
                .append(",\n    ").append(sketch ? "&" + name + "_sketch" : "NULL")
                .append("\n};\n\n");
        c.append("#endif /* PNET_MODEL_").append(upper).append("_H */\n");
        return c.toString();
    }

    /**
     * The fields of a float or int8 {@code pnet_layer} initializer whose arrays start with {@code prefix}
     * ({@link #layerArrays}).
     */
    private static void layerFields(StringBuilder c, String prefix, DenseBlock layer) {
        boolean int8 = layer.weightType() == WeightType.INT8;
        c.append(layer.nIn()).append("u, ").append(layer.nOut()).append("u, ").append(layer.nonlinearity().code())
                .append(", ").append(layer.weightType().code()).append(", ").append(floatLiteral(layer.alpha()))
                .append(", ").append(int8 ? "NULL" : prefix + "_weights").append(", ")
                .append(int8 ? prefix + "_quantized" : "NULL").append(", ")
                .append(int8 ? prefix + "_scales" : "NULL").append(", ").append(prefix).append("_bias");
    }

    /**
     * The floats {@code pnet_encode_text} works in for a sequence model: with {@code B = T * d} bits per token,
     * bottleneck width {@code D}, convolution width {@code k} and {@code C} channels, {@code 2 C + k D + B} (the
     * pooled and the current convolution outputs, a window of {@code k} bottleneck rows, one token's bits).
     */
    static long sequenceScratchFloats(ProjectionModel model) {
        SequenceEncoder s = model.sequenceEncoder();
        return 2L * s.outputWidth() + (long) s.convWidth() * s.tokenLayer().nOut() + model.projectionSpec().numBits();
    }

    /**
     * The bytes of the text scratch the C runtime needs for {@code config} ({@code pnet_text_layout} in
     * pnet_runtime.c): with {@code N = maxCodePoints}, {@code F = maxFeatures} and {@code S} the smallest power of
     * two {@code >= max(2, 2F)}, {@code 16F + 4S + 26N + 1}, plus {@code 4N + 1} with skip-grams, rounded up to a
     * multiple of 8; at most {@code 32F + 30N + 9}.
     */
    public static long textScratchBytes(FeaturizerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        long n = config.maxCodePoints();
        long f = config.maxFeatures();
        long slots = 2;
        while (slots < 2 * f) {
            slots *= 2;
        }
        long bytes = 16 * f + 4 * slots + 26 * n + 1 + (config.maxSkip() > 0 ? 4 * n + 1 : 0);
        return (bytes + 7) & ~7L;
    }

    /**
     * The text featurizer of {@code model}, or null when it has none this C runtime implements (a dense model, or
     * a featurizer section of another kind or version: such a model still runs from feature bags).
     *
     * @throws IllegalArgumentException when the section claims {@value FeaturizerConfig#KIND} version
     *                                  {@value FeaturizerConfig#VERSION} but its settings are invalid
     */
    static FeaturizerConfig textConfig(ProjectionModel model) {
        if (model.input().kind() != InputKind.FEATURES) {
            return null;
        }
        FeaturizerSection section = model.input().featurizer();
        if (!FeaturizerConfig.KIND.equals(section.kind()) || section.version() != FeaturizerConfig.VERSION) {
            return null;
        }
        return FeaturizerConfig.fromSection(section);
    }

    private static void textConfig(StringBuilder c, String name, String upper, FeaturizerConfig text) {
        int[] ranges = TextTables.classRanges();
        int[] folds = TextTables.foldRuns();
        checkDisjoint(ranges, 3, "class ranges");
        checkDisjoint(folds, 4, "fold runs");
        c.append("/* The code point tables of docs/TEXT.md (from TextTables): {start, end, class}. */\n")
                .append("static const pnet_class_range ").append(name).append("_text_classes[")
                .append(ranges.length / 3).append("] = {");
        for (int r = 0; r < ranges.length; r += 3) {
            c.append(r % 12 == 0 ? "\n    " : " ").append(String.format(Locale.ROOT, "{0x%04Xu, 0x%04Xu, %d}",
                    ranges[r], ranges[r + 1], ranges[r + 2])).append(r + 3 < ranges.length ? "," : "");
        }
        c.append("\n};\n/* {start, end, stride, delta}: start + i * stride <= end folds to itself + delta. */\n")
                .append("static const pnet_fold_run ").append(name).append("_text_folds[")
                .append(folds.length / 4).append("] = {");
        for (int r = 0; r < folds.length; r += 4) {
            c.append(r % 16 == 0 ? "\n    " : " ").append(String.format(Locale.ROOT, "{0x%04Xu, 0x%04Xu, %d, %d}",
                    folds[r], folds[r + 1], folds[r + 2], folds[r + 3])).append(r + 4 < folds.length ? "," : "");
        }
        c.append("\n};\n\n");
        c.append("/* Featurizer \"").append(FeaturizerConfig.KIND).append("\" version ").append(FeaturizerConfig.VERSION)
                .append(" (docs/TEXT.md): ").append(comment(text.toString())).append(" */\n")
                .append("static const pnet_text_config ").append(name).append("_text = {\n")
                .append("    ").append(upper).append("_TEXT_MAX_CODE_POINTS, ").append(upper)
                .append("_TEXT_MAX_FEATURES,\n")
                .append("    ").append(text.wordNgramMax()).append("u, ").append(text.maxSkip()).append("u, ")
                .append(text.charNgramMin()).append("u, ").append(text.charNgramMax()).append("u, ")
                .append(text.caseFold() ? 1 : 0).append("u, ")
                .append(text.weighting() == FeatureWeighting.BINARY ? "PNET_WEIGHT_BINARY" : "PNET_WEIGHT_COUNT")
                .append(",\n")
                .append("    UINT64_C(0x").append(String.format("%016x", text.hashSeed())).append("),  /* hashSeed ")
                .append(text.hashSeed()).append(" */\n")
                .append("    ").append(upper).append("_TEXT_SCRATCH_BYTES,\n")
                .append("    ").append(ranges.length / 3).append("u, ").append(name).append("_text_classes,\n")
                .append("    ").append(folds.length / 4).append("u, ").append(name).append("_text_folds,\n")
                .append("    0x").append(Integer.toHexString(TextTables.FOLD_LIMIT)).append("u\n};\n\n");
    }

    /** The C lookups binary-search the tables: they must be sorted, disjoint intervals (of uint16 for folds). */
    private static void checkDisjoint(int[] table, int stride, String what) {
        for (int r = 0; r < table.length; r += stride) {
            boolean ok = table[r] <= table[r + 1] && (r == 0 || table[r - stride + 1] < table[r])
                    && (stride != 4 || (table[r + 1] <= 0xFFFF && table[r + 2] >= 1 && table[r + 2] <= 0xFFFF
                    && Math.abs(table[r + 3]) <= Short.MAX_VALUE));
            if (!ok) {
                throw new IllegalStateException("TextTables " + what + " are not sorted disjoint intervals the C"
                        + " runtime can search, at entry " + r / stride);
            }
        }
    }

    /**
     * Appends the precomputed columns of a dense model's projection entries; returns true.
     *
     * @throws IllegalArgumentException for a feature model, or more than {@value #MAX_PRECOMPUTED_BYTES} bytes
     */
    private static boolean columnArrays(StringBuilder c, String name, ProjectionModel model) {
        if (model.input().kind() != InputKind.DENSE) {
            throw new IllegalArgumentException("precomputed columns apply to dense (image) models only: a text "
                    + "model's feature keys are known only at prediction time");
        }
        ProjectionSpec spec = model.projectionSpec();
        int nIn = model.input().nIn();
        long[] masks = new long[2 * spec.numWords()];
        long entries = 0;
        for (int i = 0; i < nIn; i++) {
            LshProjection.entryMasks(spec, i, masks);
            for (long m : masks) {
                entries += Long.bitCount(m);
            }
        }
        long bytes = 4L * (2L * nIn + 1) + 2 * entries;
        if (bytes > MAX_PRECOMPUTED_BYTES) {
            throw new IllegalArgumentException("precomputed columns would take " + bytes + " bytes (" + nIn
                    + " inputs x " + spec.numBits() + " bits at density 1/" + (1 << spec.sparsityLog2())
                    + "), more than " + MAX_PRECOMPUTED_BYTES + ": export without them");
        }
        StringBuilder starts = new StringBuilder();
        c.append("/* Non-zero projection entries of each input: ").append(entries).append(" columns, ").append(bytes)
                .append(" bytes. */\nstatic const uint16_t ").append(name).append("_columns[")
                .append(Math.max(1, entries)).append("] = {");
        long e = 0;
        for (int i = 0; i < nIn; i++) {
            LshProjection.entryMasks(spec, i, masks);
            for (int sign = 0; sign < 2; sign++) {
                int k = 2 * i + sign;
                starts.append(k == 0 ? "" : k % 16 == 0 ? ",\n    " : ", ").append(e).append('u');
                for (int g = 0; g < spec.numWords(); g++) {
                    for (long m = masks[2 * g + sign]; m != 0; m &= m - 1) {
                        c.append(e % 16 == 0 ? "\n    " : " ").append((g << 6) + Long.numberOfTrailingZeros(m))
                                .append("u,");
                        e++;
                    }
                }
            }
        }
        if (entries == 0) {
            c.append("0u");
        }
        c.append("\n};\n");
        c.append("static const uint32_t ").append(name).append("_column_starts[").append(2L * nIn + 1)
                .append("] = {\n    ").append(starts).append(nIn == 0 ? "" : ", ").append(e).append("u\n};\n\n");
        return true;
    }

    private static void layerArrays(StringBuilder c, String prefix, DenseBlock layer) {
        if (layer.weightType() == WeightType.INT8_FIXED) {
            int8Array(c, prefix + "_quantized", layer.quantizedWeights(), layer.nIn(), layer.nOut());
            intArray(c, "int32_t", prefix + "_bias", layer.fixedBias());
            intArray(c, "int32_t", prefix + "_multipliers", layer.multipliers());
            byte[] shifts = layer.shifts();
            int[] widened = new int[shifts.length];
            for (int j = 0; j < shifts.length; j++) {
                widened[j] = shifts[j];
            }
            intArray(c, "uint8_t", prefix + "_shifts", widened);
            if (layer.table() != null) {
                int8Array(c, prefix + "_table", layer.table(), 0, 0);
            }
            c.append('\n');
            return;
        }
        if (layer.weightType() == WeightType.INT8) {
            floatArray(c, prefix + "_scales", layer.scales());
            int8Array(c, prefix + "_quantized", layer.quantizedWeights(), layer.nIn(), layer.nOut());
        } else {
            c.append("/* ").append(prefix).append("_weights: [").append(layer.nIn()).append("][")
                    .append(layer.nOut()).append("] */\n");
            floatArray(c, prefix + "_weights", layer.floatWeights());
        }
        floatArray(c, prefix + "_bias", layer.bias());
        c.append('\n');
    }

    /** An {@code int8_t} array, 16 values a line; {@code nIn > 0} names its {@code [nIn][nOut]} shape. */
    private static void int8Array(StringBuilder c, String symbol, byte[] q, int nIn, int nOut) {
        c.append("static const int8_t ").append(symbol).append('[').append(q.length).append("] = {")
                .append(nIn > 0 ? "  /* [" + nIn + "][" + nOut + "] */" : "");
        for (int k = 0; k < q.length; k++) {
            c.append(k % 16 == 0 ? "\n    " : " ").append(q[k]).append(k + 1 < q.length ? "," : "");
        }
        c.append("\n};\n");
    }

    /** An integer array of C type {@code type}; INT32_MIN cannot occur (biases are within 2^31 - 1 in magnitude). */
    private static void intArray(StringBuilder c, String type, String symbol, int[] values) {
        c.append("static const ").append(type).append(' ').append(symbol).append('[').append(values.length)
                .append("] = {");
        for (int k = 0; k < values.length; k++) {
            c.append(k % 8 == 0 ? "\n    " : " ").append(values[k]).append(k + 1 < values.length ? "," : "");
        }
        c.append("\n};\n");
    }

    private static void floatArray(StringBuilder c, String symbol, float[] values) {
        c.append("static const float ").append(symbol).append('[').append(values.length).append("] = {");
        for (int k = 0; k < values.length; k++) {
            c.append(k % VALUES_PER_LINE == 0 ? "\n    " : " ").append(floatLiteral(values[k]))
                    .append(k + 1 < values.length ? "," : "");
        }
        c.append("\n};\n");
    }

    /** A C99 hexadecimal float literal: exact, whatever the compiler's decimal conversion. */
    static String floatLiteral(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            throw new IllegalArgumentException("cannot emit non-finite float " + v);
        }
        return Float.toHexString(v) + "f";
    }

    /** A C string literal of the UTF-8 bytes of {@code s}; octal escapes for everything unsafe. */
    static String stringLiteral(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xFF;
            // '?' is escaped too: "??" would start a trigraph in C99.
            if (u >= 0x20 && u < 0x7F && u != '"' && u != '\\' && u != '?') {
                out.append((char) u);
            } else {
                out.append('\\').append((char) ('0' + (u >> 6))).append((char) ('0' + (u >> 3 & 7)))
                        .append((char) ('0' + (u & 7)));
            }
        }
        return out.append('"').toString();
    }

    /** Text safe inside a C block comment: printable ASCII without '*', '\\' and '?'. */
    static String comment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char ch = s.charAt(i);
            out.append(ch >= 0x20 && ch < 0x7F && ch != '*' && ch != '\\' && ch != '?' ? ch : '_');
        }
        return out.toString();
    }

    private static void define(StringBuilder c, String macro, long value) {
        c.append("#define ").append(macro).append(' ').append(value).append("u\n");
    }

    private static void checkName(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)
                || name.toLowerCase(Locale.ROOT).startsWith("pnet_")) {
            throw new IllegalArgumentException("name must be a C identifier of at most 63 characters, not a keyword"
                    + " and not starting with pnet_, got " + (name == null ? "null" : "\"" + name + "\""));
        }
    }

    /** The bytes of one of the {@link #RUNTIME_FILES}, from this jar. */
    /** Stands in pnet_runtime.h for the format version, which has one definition: {@link PnetFormat#VERSION}. */
    static final String FORMAT_VERSION_TOKEN = "@PNET_FORMAT_VERSION@";

    /** The runtime file as exported: the resource with {@link #FORMAT_VERSION_TOKEN} replaced. */
    static byte[] runtimeSource(String file) {
        try (InputStream in = CExporter.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("runtime resource " + file + " is missing from the class path");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            // ISO-8859-1 maps every byte to one char and back, so the rest of the file is copied unchanged.
            String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
            if ("pnet_runtime.h".equals(file) && !text.contains(FORMAT_VERSION_TOKEN)) {
                throw new IllegalStateException("runtime resource " + file + " lacks " + FORMAT_VERSION_TOKEN
                        + ": PNET_FORMAT_VERSION must come from PnetFormat.VERSION, not a literal");
            }
            return text.replace(FORMAT_VERSION_TOKEN, Integer.toString(PnetFormat.VERSION))
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runtime resource " + file, e);
        }
    }
}
