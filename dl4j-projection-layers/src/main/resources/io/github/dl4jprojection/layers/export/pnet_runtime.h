/*
 * pnet_runtime.h: C99 runtime for projection networks exported by dl4j-projection.
 *
 * A model is constant data (a header written by CExporter) plus this runtime. The runtime computes
 * exactly what the Java runtime (io.github.dl4jprojection.runtime.model.Predictor) computes, in the
 * order docs/FORMAT.md section 5 specifies: the same projection bits, the same float32 logits for
 * identity/ReLU/leaky-ReLU/hard-tanh layers, and probabilities within 1e-5. tanh, sigmoid and exp
 * come from the platform's libm, so hidden tanh or sigmoid layers may move a logit by an ulp and,
 * on a near tie, a label: prefer the piecewise-linear activations for bit-exact labels.
 *
 * Memory: no malloc, no mutable globals. The caller supplies a float scratch array of
 * <NAME>_SCRATCH_FLOATS values (a macro of the model header), and for text models also a text scratch
 * of <NAME>_TEXT_SCRATCH_BYTES bytes (the same for a sequence model, whose encoder works in the float
 * scratch whatever the number of tokens); calls on different scratch arrays may run concurrently.
 *
 * The projection matrix is never stored: each non-zero input's entries are recomputed from
 * XXH64(index, seed) and SplitMix64, which costs ceil(T*d/64) * (k + 1) + 1 hashes per non-zero
 * input and no memory. (Precomputed masks would trade 16 * nIn * ceil(T*d/64) bytes of flash for
 * those cycles; for MNIST-sized models that is more than the model itself.)
 *
 * Text models also carry the "sgnn-text" featurizer (docs/TEXT.md): pnet_predict_text takes raw UTF-8
 * and computes the same bag of hashed features as the Java TextFeaturizer, then the projection above.
 * Sequence models (--model seq) project every token on its own and run a token encoder (bottleneck,
 * convolution, max pooling) before the dense layers: pnet_encode_text, or pnet_predict_text for every family.
 * Sketch models (--model sketch) replace the LSH bits by a count sketch of the bag, B floats of unit L2 norm
 * (docs/PROJECTION.md, "Count sketch"): pnet_sketch_text, pnet_sketch_features.
 * Patch models (format version 5's PATCH family, images) project every local patch of the image to bits and run
 * convolutions with max pooling over that bit map before the dense layers: pnet_project_patches, or
 * pnet_predict_dense for every image model.
 *
 * Build: compile as C99 with IEEE float32 arithmetic and WITHOUT floating-point contraction, that is
 * with no fused multiply-add: -ffp-contract=off (the GCC default under -std=c99 / -std=c11, but not
 * under the GNU dialects on FMA hardware such as Cortex-M4F/M7 or AArch64). Never -ffast-math.
 * Link with libm (-lm).
 *
 * Options for small flash (define them when compiling pnet_runtime.c): a double-precision exp or tanh
 * pulls libm's double routines in, about 3 KB on a Cortex-M4 and more where doubles are emulated.
 *   PNET_NO_TANH, PNET_NO_SIGMOID: leave that activation out; pnet_forward then refuses a model that
 *     has such a layer with PNET_ERR_UNSUPPORTED (the piecewise-linear activations need no libm).
 *   PNET_FLOAT_EXP: the softmax takes expf instead of the double exp the Java runtime uses: labels and
 *     logits do not change, probabilities stay within 1e-5 of the Java runtime's instead of equal.
 */
#ifndef PNET_RUNTIME_H
#define PNET_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/* The .pnet format version whose evaluation rules this runtime implements. CExporter writes the
   Java runtime's PnetFormat.VERSION in place of the token when it copies this file, so the two
   cannot drift; every model header checks it. */
#define PNET_FORMAT_VERSION @PNET_FORMAT_VERSION@

/* Negative return values. */
#define PNET_ERR_ARGUMENT (-1)   /* a null pointer */
#define PNET_ERR_NOT_FINITE (-2) /* an input value or feature weight is NaN or infinite (for a sketch model: a
                                    weight outside [0, 2^24]) */
#define PNET_ERR_INPUT_KIND (-3) /* a dense call on a feature model, or the reverse; text on a model without featurizer;
                                    a call of one family (bag, sequence, sketch, patch) on a model of another */
#define PNET_ERR_SCRATCH (-4)    /* the text scratch is smaller than <NAME>_TEXT_SCRATCH_BYTES or not 8-byte aligned */
#define PNET_ERR_UNSUPPORTED (-5) /* a layer's activation was left out of this build (PNET_NO_TANH, PNET_NO_SIGMOID) */
#define PNET_ERR_WEIGHTS (-6)    /* pnet_forward on an integer-only model, or pnet_forward_fixed on a float one */

/* Codes shared with the .pnet format. */
enum pnet_encoding { PNET_ZERO_ONE = 0, PNET_PLUS_MINUS_ONE = 1 };
enum pnet_input_kind { PNET_DENSE = 0, PNET_FEATURES = 1 };
enum pnet_nonlinearity {
    PNET_IDENTITY = 0, PNET_RELU = 1, PNET_TANH = 2, PNET_SIGMOID = 3, PNET_LEAKY_RELU = 4, PNET_HARD_TANH = 5
};
enum pnet_weight_type { PNET_FLOAT32 = 0, PNET_INT8 = 1, PNET_INT8_FIXED = 2 };

/* Classes of code points and feature weighting of the "sgnn-text" featurizer (docs/TEXT.md). */
enum pnet_char_class { PNET_CLASS_WORD = 0, PNET_CLASS_SPACE = 1, PNET_CLASS_IGNORED = 2, PNET_CLASS_SYMBOL = 3 };
enum pnet_weighting { PNET_WEIGHT_COUNT = 0, PNET_WEIGHT_BINARY = 1 };

/* Code points start .. end (inclusive) have class char_class; every code point in no range is a WORD. */
typedef struct pnet_class_range {
    uint32_t start;
    uint32_t end;
    uint32_t char_class;      /* enum pnet_char_class */
} pnet_class_range;

/* Simple case folding: code point start + i * stride <= end folds to itself + delta. */
typedef struct pnet_fold_run {
    uint16_t start;
    uint16_t end;
    uint16_t stride;
    int16_t delta;
} pnet_fold_run;

/*
 * The "sgnn-text" version 1 featurizer (docs/TEXT.md): its settings as the model file stores them and
 * the code point tables, which the exporter writes from the Java runtime's own tables (TextTables).
 */
typedef struct pnet_text_config {
    uint32_t max_code_points; /* N: only the first N code points of a text are read */
    uint32_t max_features;    /* F: at most F distinct features are kept */
    uint32_t word_ngram_max;  /* word n-grams n = 1 .. word_ngram_max (0: none) */
    uint32_t max_skip;        /* skip-grams k = 1 .. max_skip (0: none) */
    uint32_t char_ngram_min;  /* character n-grams of words, lengths min .. max (0, 0: none) */
    uint32_t char_ngram_max;
    uint32_t case_fold;       /* 1: apply the fold runs to WORD code points below fold_limit */
    uint32_t weighting;       /* enum pnet_weighting */
    uint64_t hash_seed;
    uint32_t scratch_bytes;   /* the text scratch a call needs: <NAME>_TEXT_SCRATCH_BYTES */
    uint32_t num_class_ranges;
    const pnet_class_range *class_ranges; /* sorted, disjoint */
    uint32_t num_fold_runs;
    const pnet_fold_run *fold_runs;       /* sorted by start, disjoint as intervals */
    uint32_t fold_limit;      /* code points from here up are never folded */
} pnet_text_config;

/* One dense layer: y[j] = f(sum_i x[i] * W[i][j] + b[j]), W row-major [n_in][n_out]. */
typedef struct pnet_layer {
    uint32_t n_in;
    uint32_t n_out;
    uint8_t nonlinearity;     /* enum pnet_nonlinearity */
    uint8_t weight_type;      /* enum pnet_weight_type */
    float alpha;              /* LEAKY_RELU slope, else 0 */
    const float *weights;     /* FLOAT32: n_in * n_out values, W[i][j] at i * n_out + j; else NULL */
    const int8_t *quantized;  /* INT8: n_in * n_out values q[i][j]; else NULL */
    const float *scales;      /* INT8: n_out scales, W[i][j] ~ q[i][j] * scales[j]; else NULL */
    const float *bias;        /* n_out values */
} pnet_layer;

/*
 * One integer-only (INT8_FIXED) layer, docs/FORMAT.md section 11.3: acc[j] = bias[j] + sum_i x[i] * q[i][j] in
 * int32; r = floor((acc * multipliers[j] + 2^(shifts[j] - 1)) / 2^shifts[j]) in int64 (acc * m when the shift is
 * 0); hidden layers: z = clamp(r, -128, 127), y = table[z + 128] (or z, max(z, 0) for IDENTITY, RELU); the last
 * layer's r are the int32 logits.
 */
typedef struct pnet_fixed_layer {
    uint32_t n_in;
    uint32_t n_out;
    uint8_t nonlinearity;     /* enum pnet_nonlinearity */
    const int8_t *quantized;  /* n_in * n_out values q[i][j] at i * n_out + j */
    const int32_t *bias;      /* n_out */
    const int32_t *multipliers; /* n_out, 0 .. 2^31 - 1 */
    const uint8_t *shifts;    /* n_out, 0 .. 62 */
    const int8_t *table;      /* 256 outputs for z = -128 .. 127, or NULL (IDENTITY, RELU) */
} pnet_fixed_layer;

/*
 * The token encoder of a sequence model (docs/FORMAT.md section 10; the Java SequenceEncoder): with n tokens, B = T * d
 * bits per token, D = token_layer.n_out, k = conv_width, p = (k - 1) / 2 and C = conv_layer.n_out,
 *   h_t = token_layer(encode(bits_t)) for t < n, h_t = 0 outside [0, n)   (the bottleneck, shared by the tokens)
 *   c_t = conv_layer(h_(t-p) | ... | h_(t+p))                              (1-D convolution, zero padding)
 *   g[j] = max over t < n of c_t[j]                                        (max pooling), the dense layers' input
 * Both layers are evaluated as dense layers (FLOAT32 or INT8 weights).
 */
struct pnet_model;
typedef struct pnet_sequence {
    uint32_t max_tokens;      /* L: tokens read per text, later ones are ignored */
    uint32_t conv_width;      /* k, odd */
    pnet_layer token_layer;   /* [B][D] */
    pnet_layer conv_layer;    /* [k * D][C]: row w * D + i is input channel i at window offset w */
    /* pnet_encode_text, which pnet_predict_text calls through this pointer: only a sequence model's header names
       it, so the firmware of a bag model links none of the sequence code (--gc-sections drops it). */
    int (*encode)(const struct pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                  size_t text_scratch_bytes, float *scratch, uint64_t *token_bits);
} pnet_sequence;

/*
 * The count sketch of a sketch model (format version 4's SKETCH family; docs/PROJECTION.md, "Count sketch"): the bag
 * (u_j, w_j) of a text, or given keys and weights, becomes x[0 .. B), B = num_bits, in float32 arithmetic:
 *   h_j = XXH64(le64(u_j), seed),  b_j = (h_j >> 1) mod B,  s_j = +1 if bit 0 of h_j is 0, else -1
 *   v[b] = 0;  for each j in order: v[b_j] = v[b_j] + s_j * sqrtf(w_j)
 *   n = sqrtf(v[0] * v[0] + ... + v[B-1] * v[B-1])   (in b order),  x[b] = v[b] / n  (x = v when that sum is 0)
 * x is the first dense layer's input. pnet_predict_text and pnet_predict_features reach the sketch through these
 * pointers: only a sketch model's header names pnet_sketch_text and pnet_sketch_features, so the firmware of
 * another family links neither, nor sqrtf (--gc-sections drops them).
 */
typedef struct pnet_sketch {
    int (*text)(const struct pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                size_t text_scratch_bytes, float *scratch);
    int (*features)(const struct pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                    float *scratch);
} pnet_sketch;

/*
 * One stage of a patch model's image encoder (the Java ConvStage): a k x k convolution (stride 1, no padding) over a
 * map a[ci][i][j] of Cin channels, H rows and W columns, then q x q max pooling (stride q, the remainder dropped):
 *   u_ij[(dy * k + dx) * Cin + ci] = a[ci][i + dy][j + dx]              Hc = H - k + 1, Wc = W - k + 1
 *   z[co][i][j] = conv(u_ij)[co]                                        a dense layer, nIn = k * k * Cin, nOut = Cout
 *   a'[co][i][j] = max over dy, dx < q of z[co][i * q + dy][j * q + dx]   Hc / q rows, Wc / q columns (floor)
 */
typedef struct pnet_conv_stage {
    uint32_t kernel;          /* k */
    uint32_t pool;            /* q, 1: no pooling */
    pnet_layer conv;          /* [k * k * Cin][Cout], FLOAT32 or INT8 */
} pnet_conv_stage;

/*
 * The image encoder of a patch model (format version 5's PATCH family; the Java PatchEncoder and PatchBits): with an
 * image of height h, width w and c channels (x[(ch * h + y) * w + col], CHW, n_in = c * h * w values), window p,
 * stride s and B = T * d bits per position,
 *   H0 = (h - p) / s + 1,  W0 = (w - p) / s + 1
 *   v_ij[(dy * p + dx) * c + ch] = x[(ch * h + i * s + dy) * w + j * s + dx]     the patch of position (i, j)
 *   bits_ij = the projection of v_ij as pnet_project_dense's of an input of p * p * c values (the same entries for
 *             every position; packed bit (i * W0 + j) * B + b of the patch bits)
 *   a0[b][i][j] = encode(bit b of bits_ij)                                      B channels, H0 x W0
 * then the stages in order, and the last map a[co][i][j] is the first dense layer's input g[co * H * W + i * W + j].
 * The scratch holds, from its start: the buffer of the last map (map_floats[0] floats: the largest of the maps
 * l = n, n - 2, ... of n stages, which alternate with the others), the other buffer (map_floats[1]), one window
 * (window_floats = max(p * p * c, k * k * Cin of every stage): a patch or a convolution's input), and B or Cout values
 * (one position's sums, or one convolution output before pooling, the larger of the two).
 * pnet_predict_dense reaches pnet_project_patches through the pointer project: only a patch model's header names it,
 * so the firmware of another family links none of the patch code (--gc-sections drops it).
 */
typedef struct pnet_patch {
    uint32_t height;          /* h */
    uint32_t width;           /* w */
    uint32_t channels;        /* c */
    uint32_t window;          /* p */
    uint32_t stride;          /* s */
    uint32_t num_stages;
    const pnet_conv_stage *stages;
    uint32_t map_floats[2];
    uint32_t window_floats;
    int (*project)(const struct pnet_model *model, const float *x, float *scratch, uint64_t *bits);
} pnet_patch;

/* A model: projection configuration, layers (the last gives the logits) and labels. */
typedef struct pnet_model {
    uint32_t num_functions;   /* T */
    uint32_t bits_per_function; /* d */
    uint32_t num_bits;        /* T * d */
    uint32_t num_words;       /* ceil(T * d / 64) */
    uint64_t seed;
    uint32_t sparsity_log2;   /* k: density of non-zero entries is 2^-k */
    uint32_t encoding;        /* enum pnet_encoding */
    uint32_t input_kind;      /* enum pnet_input_kind */
    uint32_t n_in;            /* DENSE input length; 0 for FEATURES */
    uint32_t num_layers;
    const pnet_layer *layers;
    uint32_t num_labels;
    const char *const *labels; /* UTF-8 names */
    uint32_t scratch_floats;  /* max(T * d, nIn + nOut of every layer): the scratch every call needs (int32 for the integer calls);
                                 a sequence model's is also >= 2 C + k D + B (pnet_encode_text); a sketch model's
                                 T * d is B, its first layer's nIn; a patch model's is also >= map_floats[0] +
                                 map_floats[1] + window_floats + max(B, Cout of every stage) (pnet_project_patches) */
    const pnet_text_config *text; /* the text featurizer, or NULL when the model has no "sgnn-text" v1 section */
    /* Optional, dense models only (CExporter's precomputed columns; NULL: entries are regenerated from the
       hashes). Input i's +1 entries are the bits columns[column_starts[2i] .. column_starts[2i+1]), its -1
       entries columns[.. column_starts[2i+2]): 4 (2 n_in + 1) + 2 * (non-zero entries) bytes of flash, about
       nIn * T * d * density * 2 bytes, for no hashing at prediction time. */
    const uint32_t *column_starts;
    const uint16_t *columns;
    /* Integer-only models (a .pnet file of INT8_FIXED layers): num_layers layers here, layers is NULL, and the
       real value of an int32 logit is logit * logit_scale. NULL for a float model. */
    const pnet_fixed_layer *fixed_layers;
    float logit_scale;
    /* Sequence models (format version 2's SEQUENCE family, text only): the token encoder; NULL for a bag model. */
    const pnet_sequence *sequence;
    /* Sketch models (format version 4's SKETCH family): B = num_bits = T * d buckets, seed the sketch's, density 1;
       NULL for the other families. */
    const pnet_sketch *sketch;
    /* Patch models (format version 5's PATCH family, images only): the image encoder; NULL for the other families.
       n_in is then the image's c * h * w, and the optional precomputed columns are those of one patch's p * p * c
       inputs. */
    const pnet_patch *patch;
} pnet_model;

/* XXH64 of the 8 little-endian bytes of key. */
uint64_t pnet_xxh64_u64(uint64_t key, uint64_t seed);

/* Output number index (0-based) of SplitMix64 started at state. */
uint64_t pnet_splitmix64(uint64_t state, uint64_t index);

/*
 * Projects a dense input x[0 .. n_in) and leaves the encoded bits in scratch[0 .. num_bits) for
 * pnet_forward. If bits is not NULL, also writes the packed bits (bit b = bits[b / 64] >> (b % 64) & 1)
 * to bits[0 .. num_words). Returns 0, or PNET_ERR_*; on error scratch and bits are unspecified.
 */
int pnet_project_dense(const pnet_model *model, const float *x, float *scratch, uint64_t *bits);

/* The same for a bag of count hashed features (keys[j], weights[j]), taken in order. */
int pnet_project_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, uint64_t *bits);

/*
 * Runs the dense layers on the encoded bits a pnet_project_* call left in scratch. Writes the
 * logits to logits[0 .. num_labels) and the softmax probabilities to probabilities[0 .. num_labels)
 * when those are not NULL. Returns the label index (the first largest logit), PNET_ERR_ARGUMENT, or
 * PNET_ERR_UNSUPPORTED for a layer whose activation this build left out.
 */
int pnet_forward(const pnet_model *model, float *scratch, float *logits, float *probabilities);

/*
 * pnet_project_dense (pnet_project_patches for a patch model) then pnet_forward: the label index of x, or PNET_ERR_*.
 */
int pnet_predict_dense(const pnet_model *model, const float *x, float *scratch, float *probabilities);

/*
 * Patch models (model->patch not NULL; see pnet_patch above): projects every patch of the image x[0 .. n_in), CHW,
 * and runs the stages, leaving the first dense layer's input in scratch for pnet_forward. If bits is not NULL, also
 * writes the packed bits of every position, bit (i * W0 + j) * B + b = bits[.. / 64] >> (.. % 64) & 1, to
 * bits[0 .. <NAME>_PATCH_BITS_WORDS) (ceil(H0 * W0 * B / 64) words, the last one's unused bits 0): the Java
 * Predictor.project of a patch model. Costs H0 * W0 projections of p * p * c inputs (hashing as pnet_project_dense, or
 * the precomputed columns of one patch) and, per stage, Hc' * Wc' dense layers of k * k * Cin inputs, Hc' and Wc' the
 * positions the pooling keeps (q * (Hc / q) rows). Returns 0, or PNET_ERR_ARGUMENT, PNET_ERR_NOT_FINITE (a NaN or
 * infinite pixel), PNET_ERR_INPUT_KIND (not a patch model) or PNET_ERR_UNSUPPORTED (a stage activation this build left
 * out). pnet_project_dense and pnet_project_pixels refuse a patch model with PNET_ERR_INPUT_KIND.
 */
int pnet_project_patches(const pnet_model *model, const float *x, float *scratch, uint64_t *bits);

/* pnet_project_features (pnet_sketch_features for a sketch model) then pnet_forward. */
int pnet_predict_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, float *probabilities);

/*
 * Text models (models whose .pnet file has an "sgnn-text" version 1 featurizer section; model->text is
 * not NULL). The text is utf8[0 .. len): any bytes; ill-formed UTF-8 becomes U+FFFD as docs/TEXT.md
 * specifies, and only the first max_code_points code points are read, so the work is bounded by the
 * model, not by len. text_scratch is caller memory of text_scratch_bytes >= <NAME>_TEXT_SCRATCH_BYTES
 * bytes, 8-byte aligned (declare it as uint64_t[<NAME>_TEXT_SCRATCH_BYTES / 8]); it holds the tokens,
 * the bag and its hash table, and is overwritten by every call. Errors: PNET_ERR_ARGUMENT (a null
 * pointer), PNET_ERR_INPUT_KIND (model->text is NULL), PNET_ERR_SCRATCH (text scratch too small or
 * misaligned).
 */

/*
 * The bag of the text: returns the number n of distinct features (0 .. max_features) and points *keys
 * and *counts at the keys and their counts, in order of first occurrence, inside text_scratch (valid
 * until its next use); or PNET_ERR_*.
 */
int pnet_featurize_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                        size_t text_scratch_bytes, const uint64_t **keys, const uint32_t **counts);

/*
 * pnet_featurize_text, then the projection of the bag (weights: counts or 1) as pnet_project_features
 * does: encoded bits in scratch for pnet_forward, packed bits in bits when not NULL. Returns the number
 * of distinct features (0: all bits off), or PNET_ERR_*.
 */
int pnet_project_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                      size_t text_scratch_bytes, float *scratch, uint64_t *bits);

/*
 * pnet_project_text (a bag model), pnet_encode_text (a sequence model) or pnet_sketch_text (a sketch model), then
 * pnet_forward: the label index of the text, or PNET_ERR_*.
 */
int pnet_predict_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                      size_t text_scratch_bytes, float *scratch, float *probabilities);

/*
 * Sequence models (model->sequence not NULL; docs/FORMAT.md section 10.3): the token encoder on the text. The
 * tokens are the featurizer's (as pnet_featurize_text reads them); n = max(1, min(tokens, max_tokens)), a text
 * without tokens being one token without features. Token t's bag (the features generated at t, docs/TEXT.md
 * section 11) is projected to B bits, as pnet_project_features does; then the bottleneck, the convolution and the
 * max pooling, streamed over a window of k bottleneck rows, so the work is n * (hashing + B * D + k * D * C)
 * multiply-adds and the memory does not grow with n. Leaves the pooled C values in scratch for pnet_forward, and
 * when token_bits is not NULL writes token t's packed bits to token_bits[t * num_words .. (t + 1) * num_words)
 * (room for <NAME>_TOKEN_BITS_WORDS = max_tokens * num_words words). Returns n, or PNET_ERR_* (as
 * pnet_project_text; PNET_ERR_INPUT_KIND for a bag model, PNET_ERR_UNSUPPORTED for a token or convolution
 * activation this build left out). The bag calls (pnet_project_features, pnet_project_text and their integer
 * forms) refuse a sequence model with PNET_ERR_INPUT_KIND.
 */
int pnet_encode_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                     size_t text_scratch_bytes, float *scratch, uint64_t *token_bits);

/*
 * Sketch models (model->sketch not NULL; see pnet_sketch above): the count sketch x of the text's bag (as
 * pnet_featurize_text makes it; the weights are the counts, or 1 with binary weighting), written to
 * scratch[0 .. B) for pnet_forward: the Java runtime's x, bit for bit. Costs one XXH64 and one sqrtf per distinct
 * feature and 2 B float operations, in the float scratch alone (B = <NAME>_SKETCH_BUCKETS floats, within
 * <NAME>_SCRATCH_FLOATS). Returns the number of distinct features (0: x = 0), or PNET_ERR_* as pnet_project_text
 * (PNET_ERR_INPUT_KIND for a model of another family). The bag calls (pnet_project_features, pnet_project_text,
 * pnet_project_text_fixed) refuse a sketch model with PNET_ERR_INPUT_KIND.
 */
int pnet_sketch_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                     size_t text_scratch_bytes, float *scratch);

/*
 * The count sketch of the bag (keys[j], weights[j]), taken in order, into scratch[0 .. B) for pnet_forward. Returns
 * 0, PNET_ERR_ARGUMENT, PNET_ERR_NOT_FINITE (a weight outside [0, 2^24], as the Java CountSketch: NaN, negative,
 * too large) or PNET_ERR_INPUT_KIND (a model of another family).
 */
int pnet_sketch_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                         float *scratch);

/*
 * Integer-only models (model->fixed_layers not NULL; docs/FORMAT.md section 11, docs/EMBEDDED.md). The scratch is
 * int32_t[<NAME>_SCRATCH_INTS]; the label path below (pnet_predict_pixels, pnet_predict_text_fixed) executes no
 * float operation, so a chip without an FPU runs it without software float: only pnet_fixed_probabilities uses
 * float. Returns as the float calls, and PNET_ERR_WEIGHTS for a float model.
 */

/*
 * Projects raw 8-bit pixels (an image model trained on 0..255 values) with int32 sums: the bits of
 * pnet_project_dense on the same values as floats, since float sums of such integers are exact below 2^24 (the
 * exporter checks 255 * n_in <= 2^24). Leaves the encoded bits (1, and 0 or -1) in scratch for pnet_forward_fixed;
 * writes the packed bits when bits is not NULL.
 */
int pnet_project_pixels(const pnet_model *model, const uint8_t *pixels, int32_t *scratch, uint64_t *bits);

/* Encodes packed bits (from pnet_project_dense or pnet_project_features) into scratch for pnet_forward_fixed. */
int pnet_encode_bits(const pnet_model *model, const uint64_t *bits, int32_t *scratch);

/* The integer layers on the encoded bits in scratch; writes the int32 logits when logits is not NULL. */
int pnet_forward_fixed(const pnet_model *model, int32_t *scratch, int32_t *logits);

/* pnet_project_pixels then pnet_forward_fixed: the label of the image, no float operation. */
int pnet_predict_pixels(const pnet_model *model, const uint8_t *pixels, int32_t *scratch, int32_t *logits);

/* The text's bag (as pnet_featurize_text) projected with int32 sums of its counts (or 1s): pnet_project_text's bits. */
int pnet_project_text_fixed(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                            size_t text_scratch_bytes, int32_t *scratch, uint64_t *bits);

/* pnet_project_text_fixed then pnet_forward_fixed: the label of the text, no float operation. */
int pnet_predict_text_fixed(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                            size_t text_scratch_bytes, int32_t *scratch, int32_t *logits);

/* Optional, float: the probabilities of int32 logits, softmax of (float) logit * logit_scale (docs/FORMAT.md 11.3). */
void pnet_fixed_probabilities(const pnet_model *model, const int32_t *logits, float *probabilities);

/* XXH64 of the bytes data[0 .. len) (xxHash64 specification v0.1.1). */
uint64_t pnet_xxh64(const uint8_t *data, size_t len, uint64_t seed);

/* Softmax of logits[0 .. n) into probabilities, as docs/FORMAT.md section 5.3 specifies. */
void pnet_softmax(const float *logits, uint32_t n, float *probabilities);

#endif /* PNET_RUNTIME_H */
