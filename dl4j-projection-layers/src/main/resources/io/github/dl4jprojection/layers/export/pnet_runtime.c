/*
 * pnet_runtime.c: see pnet_runtime.h. Every float operation below mirrors the Java runtime
 * (LshProjection, CountSketch, DenseKernels, Nonlinearity) operation for operation; change both or neither.
 */
#include "pnet_runtime.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Excess precision (x87, FLT_EVAL_METHOD 1 or 2) would change float sums and with them the bits. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0 && FLT_EVAL_METHOD != -1 && !defined(PNET_ALLOW_EXCESS_PRECISION)
#error "pnet_runtime needs float arithmetic evaluated in float (FLT_EVAL_METHOD 0), e.g. SSE2 rather than x87"
#endif

#define PNET_PRIME1 UINT64_C(0x9E3779B185EBCA87)
#define PNET_PRIME2 UINT64_C(0xC2B2AE3D27D4EB4F)
#define PNET_PRIME3 UINT64_C(0x165667B19E3779F9)
#define PNET_PRIME4 UINT64_C(0x85EBCA77C2B2AE63)
#define PNET_PRIME5 UINT64_C(0x27D4EB2F165667C5)
#define PNET_GOLDEN_GAMMA UINT64_C(0x9E3779B97F4A7C15)

static uint64_t pnet_rotl(uint64_t v, unsigned r) {
    return (v << r) | (v >> (64u - r));
}

uint64_t pnet_xxh64_u64(uint64_t key, uint64_t seed) {
    uint64_t h = seed + PNET_PRIME5 + 8u;
    uint64_t k = pnet_rotl(key * PNET_PRIME2, 31) * PNET_PRIME1;
    h ^= k;
    h = pnet_rotl(h, 27) * PNET_PRIME1 + PNET_PRIME4;
    h ^= h >> 33;
    h *= PNET_PRIME2;
    h ^= h >> 29;
    h *= PNET_PRIME3;
    h ^= h >> 32;
    return h;
}

uint64_t pnet_splitmix64(uint64_t state, uint64_t index) {
    uint64_t z = state + (index + 1u) * PNET_GOLDEN_GAMMA;
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Index of the lowest set bit of a non-zero v (de Bruijn multiplication: portable, no builtins). */
static unsigned pnet_lowest_bit(uint64_t v) {
    static const unsigned char table[64] = {
        0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4, 62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30,
        24, 18, 12, 5, 63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11, 46, 26, 40, 15, 34, 20, 31, 10,
        25, 14, 19, 9, 13, 8, 7, 6
    };
    return table[((v & (~v + 1u)) * UINT64_C(0x03F79D71B4CB0A89)) >> 58];
}

/*
 * The +1 entries (*pos) and -1 entries (*neg) of row base = XXH64(key, seed) of P in word g, as bit masks
 * (docs/FORMAT.md 5.1); the float and the integer projections both visit them.
 */
static void pnet_word_masks(const pnet_model *m, uint64_t base, uint32_t g, uint64_t *pos, uint64_t *neg) {
    uint32_t k = m->sparsity_log2;
    uint32_t tail = m->num_bits & 63u;
    uint64_t c0 = (uint64_t) g * (k + 1u);
    uint64_t sign = pnet_splitmix64(base, c0);
    uint64_t nonzero = ~UINT64_C(0);
    uint32_t j;
    for (j = 1; j <= k; j++) {
        nonzero &= pnet_splitmix64(base, c0 + j);
    }
    if (g == m->num_words - 1u && tail != 0u) {
        nonzero &= (UINT64_C(1) << tail) - 1u;
    }
    *pos = nonzero & ~sign;
    *neg = nonzero & sign;
}

/*
 * acc[b] += P[key][b] * v for every b: entries are regenerated from the key, word by word, and only
 * the non-zero ones are visited. Each acc[b] receives its terms in call order, as in Java. One definition
 * for the float sums (pnet_accumulate) and the int32 sums of integer-only models (pnet_accumulate_int).
 */
#define PNET_DEFINE_ACCUMULATE(name, type)                                                                  \
    static void name(const pnet_model *m, uint64_t key, type v, type *acc) {                                \
        uint64_t base = pnet_xxh64_u64(key, m->seed);                                                       \
        uint32_t g;                                                                                         \
        for (g = 0; g < m->num_words; g++) {                                                                \
            uint64_t pos;                                                                                   \
            uint64_t neg;                                                                                   \
            type *word = acc + (size_t) g * 64u;                                                            \
            pnet_word_masks(m, base, g, &pos, &neg);                                                        \
            while (pos != 0u) {                                                                             \
                word[pnet_lowest_bit(pos)] += v;                                                            \
                pos &= pos - 1u;                                                                            \
            }                                                                                               \
            while (neg != 0u) {                                                                             \
                word[pnet_lowest_bit(neg)] -= v;                                                            \
                neg &= neg - 1u;                                                                            \
            }                                                                                               \
        }                                                                                                   \
    }
PNET_DEFINE_ACCUMULATE(pnet_accumulate, float)
PNET_DEFINE_ACCUMULATE(pnet_accumulate_int, int32_t)

/* acc[b] > 0 -> packed bits (optional) and the encoded value (1, and 0 or -1), in place; float and int32. */
#define PNET_DEFINE_THRESHOLD(name, type)                                                                   \
    static void name(const pnet_model *m, type *acc, uint64_t *bits) {                                      \
        type on = (type) 1;                                                                                 \
        type off = (type) (m->encoding == PNET_PLUS_MINUS_ONE ? -1 : 0);                                    \
        uint32_t b;                                                                                         \
        if (bits != NULL) {                                                                                 \
            for (b = 0; b < m->num_words; b++) {                                                            \
                bits[b] = 0u;                                                                               \
            }                                                                                               \
        }                                                                                                   \
        for (b = 0; b < m->num_bits; b++) {                                                                 \
            /* No branch on the bit itself: it is a coin flip, and a mispredicted branch per bit dominated. */ \
            int set = acc[b] > (type) 0;                                                                    \
            if (bits != NULL) {                                                                             \
                bits[b >> 6] |= (uint64_t) set << (b & 63u);                                                \
            }                                                                                               \
            acc[b] = set ? on : off;                                                                        \
        }                                                                                                   \
    }
PNET_DEFINE_THRESHOLD(pnet_threshold, float)
PNET_DEFINE_THRESHOLD(pnet_threshold_int, int32_t)

/* Adds input i's value v to its precomputed +1 and -1 columns (CExporter's optional tables). */
#define PNET_ADD_COLUMNS(model, i, acc, v)                                                                  \
    do {                                                                                                    \
        const uint32_t *s_ = (model)->column_starts + 2u * (size_t) (i);                                    \
        uint32_t e_;                                                                                        \
        for (e_ = s_[0]; e_ < s_[1]; e_++) {                                                                \
            (acc)[(model)->columns[e_]] += (v);                                                             \
        }                                                                                                   \
        for (e_ = s_[1]; e_ < s_[2]; e_++) {                                                                \
            (acc)[(model)->columns[e_]] -= (v);                                                             \
        }                                                                                                   \
    } while (0)

/*
 * acc[0 .. num_bits) = the projection sums of n dense values v[0 .. n), input i keyed by i (docs/FORMAT.md 5.1): a
 * bag model's whole input, or one patch of a patch model (whose precomputed columns are those of one patch).
 */
static void pnet_dense_sums(const pnet_model *m, const float *v, uint32_t n, float *acc) {
    uint32_t i;
    for (i = 0; i < m->num_bits; i++) {
        acc[i] = 0.0f;
    }
    for (i = 0; i < n; i++) {
        if (v[i] != 0.0f) {
            if (m->columns != NULL) {
                /* Each acc[b] still receives its terms in input order: the sums are those of pnet_accumulate. */
                PNET_ADD_COLUMNS(m, i, acc, v[i]);
            } else {
                pnet_accumulate(m, (uint64_t) i, v[i], acc);
            }
        }
    }
}

/* Whether every x[0 .. n) is finite. */
static int pnet_all_finite(const float *x, uint32_t n) {
    uint32_t i;
    for (i = 0; i < n; i++) {
        if (!isfinite(x[i])) {
            return 0;
        }
    }
    return 1;
}

int pnet_project_dense(const pnet_model *model, const float *x, float *scratch, uint64_t *bits) {
    if (model == NULL || x == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->input_kind != PNET_DENSE || model->patch != NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    if (!pnet_all_finite(x, model->n_in)) {
        return PNET_ERR_NOT_FINITE;
    }
    pnet_dense_sums(model, x, model->n_in, scratch);
    pnet_threshold(model, scratch, bits);
    return 0;
}

/*
 * The projection of the bag (keys[j], weights[j]), taken in order, thresholded: the encoded bits in
 * acc[0 .. num_bits), the packed ones in bits when not NULL. The bag models' one projection and every token's
 * of a sequence model.
 */
static void pnet_project_bag(const pnet_model *m, const uint64_t *keys, const float *weights, uint32_t count,
                             float *acc, uint64_t *bits) {
    uint32_t j;
    for (j = 0; j < m->num_bits; j++) {
        acc[j] = 0.0f;
    }
    for (j = 0; j < count; j++) {
        if (weights[j] != 0.0f) {
            pnet_accumulate(m, keys[j], weights[j], acc);
        }
    }
    pnet_threshold(m, acc, bits);
}

int pnet_project_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, uint64_t *bits) {
    uint32_t j;
    if (model == NULL || scratch == NULL || (count > 0u && (keys == NULL || weights == NULL))) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->input_kind != PNET_FEATURES || model->sequence != NULL || model->sketch != NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    for (j = 0; j < count; j++) {
        if (!isfinite(weights[j])) {
            return PNET_ERR_NOT_FINITE;
        }
    }
    pnet_project_bag(model, keys, weights, count, scratch, bits);
    return 0;
}

static float pnet_apply(uint8_t f, float z, float alpha) {
    switch (f) {
        case PNET_RELU:
            return z > 0.0f ? z : 0.0f;
#ifndef PNET_NO_TANH
        case PNET_TANH:
            return (float) tanh((double) z);
#endif
#ifndef PNET_NO_SIGMOID
        case PNET_SIGMOID:
            return (float) (1.0 / (1.0 + exp(-(double) z)));
#endif
        case PNET_LEAKY_RELU:
            return z > 0.0f ? z : alpha * z;
        case PNET_HARD_TANH:
            return z > 1.0f ? 1.0f : (z < -1.0f ? -1.0f : z);
        default:
            return z;
    }
}

/* Whether this build computes activation f (the PNET_NO_* options leave some out). */
static int pnet_supported(uint8_t f) {
#ifdef PNET_NO_TANH
    if (f == PNET_TANH) {
        return 0;
    }
#endif
#ifdef PNET_NO_SIGMOID
    if (f == PNET_SIGMOID) {
        return 0;
    }
#endif
    return f <= PNET_HARD_TANH;
}

/*
 * out[j0 + c] = sum_i in[i] * W[i][j0 + c] for c < 8, i increasing: eight sums kept in locals through all
 * rows, as the Java runtime's DenseKernels.sums8 does, so no output is loaded and stored once per row (the
 * compiler cannot keep out[] in registers itself: out and the weights might alias). Exactly one of w and q is
 * non-NULL.
 */
static void pnet_sums8(const float *in, uint32_t n_in, const float *w, const int8_t *q, uint32_t n_out, uint32_t j0,
                       float *out) {
    float s[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    uint32_t i;
    uint32_t c;
    for (i = 0; i < n_in; i++) {
        float x = in[i];
        size_t k = (size_t) i * n_out + j0;
        if (q != NULL) {
            for (c = 0; c < 8u; c++) {
                s[c] += x * (float) q[k + c];
            }
        } else {
            for (c = 0; c < 8u; c++) {
                s[c] += x * w[k + c];
            }
        }
    }
    for (c = 0; c < 8u; c++) {
        out[j0 + c] = s[c];
    }
}

/*
 * out = f(in W + b), each output's sum over the rows in increasing order (docs/FORMAT.md 5.2). Zero inputs
 * are not skipped: their products are signed zeros, and a sum that starts at +0 is unchanged by them.
 */
static void pnet_dense(const pnet_layer *l, const float *in, float *out) {
    uint32_t i;
    uint32_t j;
    uint32_t n_out = l->n_out;
    int int8 = l->weight_type == PNET_INT8;
    for (j = 0; j + 8u <= n_out; j += 8u) {
        pnet_sums8(in, l->n_in, int8 ? NULL : l->weights, int8 ? l->quantized : NULL, n_out, j, out);
    }
    for (; j < n_out; j++) {
        float sum = 0.0f;
        for (i = 0; i < l->n_in; i++) {
            size_t k = (size_t) i * n_out + j;
            sum += in[i] * (int8 ? (float) l->quantized[k] : l->weights[k]);
        }
        out[j] = sum;
    }
    for (j = 0; j < n_out; j++) {
        float z = int8 ? out[j] * l->scales[j] : out[j];
        out[j] = pnet_apply(l->nonlinearity, z + l->bias[j], l->alpha);
    }
}

void pnet_softmax(const float *logits, uint32_t n, float *probabilities) {
    uint32_t j;
    uint32_t best = 0;
    float sum = 0.0f;
    float m;
    for (j = 1; j < n; j++) {
        if (logits[j] > logits[best]) {
            best = j;
        }
    }
    m = logits[best];
    for (j = 0; j < n; j++) {
#ifdef PNET_FLOAT_EXP
        float e = expf(logits[j] - m);
#else
        float e = (float) exp((double) (logits[j] - m));
#endif
        probabilities[j] = e;
        sum += e;
    }
    for (j = 0; j < n; j++) {
        probabilities[j] = probabilities[j] / sum;
    }
}

/*
 * best = the first index of the largest of the last layer's outputs in[0 .. n) (the label); copies them to out when
 * out is not NULL. For the float logits (pnet_forward) and the int32 ones (pnet_forward_fixed).
 */
#define PNET_LABEL_AND_COPY(in, n, out, best)                                                               \
    do {                                                                                                    \
        uint32_t j_;                                                                                        \
        for (j_ = 1; j_ < (n); j_++) {                                                                      \
            if ((in)[j_] > (in)[best]) {                                                                    \
                (best) = (int) j_;                                                                          \
            }                                                                                               \
        }                                                                                                   \
        for (j_ = 0; (out) != NULL && j_ < (n); j_++) {                                                     \
            (out)[j_] = (in)[j_];                                                                           \
        }                                                                                                   \
    } while (0)

/*
 * Where a layer writes its n_out outputs in the scratch, given where its input starts: the projection leaves the
 * bits at the start, and each layer writes at the other end from its input, so scratch_floats = max(T * d, nIn +
 * nOut of every layer) values suffice (about half of the 2 * max(width) that alternating halves would take,
 * which matters on a microcontroller). The float and the integer forward passes share this layout.
 */
static size_t pnet_output_offset(const pnet_model *m, size_t in_offset, uint32_t n_out) {
    return in_offset == 0u ? (size_t) m->scratch_floats - n_out : 0u;
}

int pnet_forward(const pnet_model *model, float *scratch, float *logits, float *probabilities) {
    float *in;
    float *out;
    uint32_t l;
    int best = 0;
    if (model == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->fixed_layers != NULL) {
        return PNET_ERR_WEIGHTS;
    }
    for (l = 0; l < model->num_layers; l++) {
        if (!pnet_supported(model->layers[l].nonlinearity)) {
            return PNET_ERR_UNSUPPORTED;
        }
    }
    in = scratch;
    for (l = 0; l < model->num_layers; l++) {
        out = scratch + pnet_output_offset(model, (size_t) (in - scratch), model->layers[l].n_out);
        pnet_dense(&model->layers[l], in, out);
        in = out;
    }
    PNET_LABEL_AND_COPY(in, model->num_labels, logits, best);
    if (probabilities != NULL) {
        pnet_softmax(in, model->num_labels, probabilities);
    }
    return best;
}

int pnet_predict_dense(const pnet_model *model, const float *x, float *scratch, float *probabilities) {
    const pnet_patch *e = model == NULL ? NULL : model->patch;
    int status = e != NULL && e->project != NULL ? e->project(model, x, scratch, NULL)
                 : pnet_project_dense(model, x, scratch, NULL);
    return status < 0 ? status : pnet_forward(model, scratch, NULL, probabilities);
}

int pnet_predict_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, float *probabilities) {
    const pnet_sketch *k = model == NULL ? NULL : model->sketch;
    int status = k != NULL && k->features != NULL ? k->features(model, keys, weights, count, scratch)
                 : pnet_project_features(model, keys, weights, count, scratch, NULL);
    return status < 0 ? status : pnet_forward(model, scratch, NULL, probabilities);
}

/* ---------------------------------------------------------------------------------------------------
 * Integer-only models (INT8_FIXED, docs/FORMAT.md section 11), as the Java FixedKernels: no float operation
 * from the input to the label. Integer sums are exact, so the order of the terms is free.
 * ------------------------------------------------------------------------------------------------- */

int pnet_project_pixels(const pnet_model *model, const uint8_t *pixels, int32_t *scratch, uint64_t *bits) {
    uint32_t i;
    if (model == NULL || pixels == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->input_kind != PNET_DENSE || model->patch != NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    for (i = 0; i < model->num_bits; i++) {
        scratch[i] = 0;
    }
    for (i = 0; i < model->n_in; i++) {
        int32_t v = (int32_t) pixels[i];
        if (v != 0) {
            if (model->columns != NULL) {
                PNET_ADD_COLUMNS(model, i, scratch, v);
            } else {
                pnet_accumulate_int(model, (uint64_t) i, v, scratch);
            }
        }
    }
    pnet_threshold_int(model, scratch, bits);
    return 0;
}

int pnet_encode_bits(const pnet_model *model, const uint64_t *bits, int32_t *scratch) {
    int32_t off;
    uint32_t b;
    if (model == NULL || bits == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    off = model->encoding == PNET_PLUS_MINUS_ONE ? -1 : 0;
    for (b = 0; b < model->num_bits; b++) {
        scratch[b] = (bits[b >> 6] >> (b & 63u) & 1u) != 0u ? 1 : off;
    }
    return 0;
}

/* floor(v / 2^s) of a signed v, without the implementation-defined right shift of a negative value. */
static int64_t pnet_floor_shift(int64_t v, uint32_t s) {
    return v >= 0 ? (int64_t) ((uint64_t) v >> s) : ~(int64_t) ((uint64_t) ~v >> s);
}

/* out = requantized (and for a hidden layer saturated and activated) in q + b_q; docs/FORMAT.md 11.3. */
static void pnet_dense_fixed(const pnet_fixed_layer *l, const int32_t *in, int32_t *out, int last) {
    uint32_t i;
    uint32_t j;
    uint32_t n_out = l->n_out;
    for (j = 0; j < n_out; j++) {
        out[j] = l->bias[j];
    }
    for (i = 0; i < l->n_in; i++) {
        int32_t x = in[i];
        if (x != 0) {
            const int8_t *row = l->quantized + (size_t) i * n_out;
            for (j = 0; j < n_out; j++) {
                out[j] += x * (int32_t) row[j];
            }
        }
    }
    for (j = 0; j < n_out; j++) {
        uint32_t s = l->shifts[j];
        int64_t v = (int64_t) out[j] * (int64_t) l->multipliers[j];
        int64_t r = s == 0u ? v : pnet_floor_shift(v + ((int64_t) 1 << (s - 1u)), s);
        if (last) {
            out[j] = (int32_t) r;
        } else {
            int32_t z = r > 127 ? 127 : (r < -128 ? -128 : (int32_t) r);
            if (l->table != NULL) {
                out[j] = l->table[z + 128];
            } else {
                out[j] = l->nonlinearity == PNET_RELU && z < 0 ? 0 : z;
            }
        }
    }
}

int pnet_forward_fixed(const pnet_model *model, int32_t *scratch, int32_t *logits) {
    int32_t *in;
    int32_t *out;
    uint32_t l;
    int best = 0;
    if (model == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->fixed_layers == NULL) {
        return PNET_ERR_WEIGHTS;
    }
    in = scratch;
    for (l = 0; l < model->num_layers; l++) {
        out = scratch + pnet_output_offset(model, (size_t) (in - scratch), model->fixed_layers[l].n_out);
        pnet_dense_fixed(&model->fixed_layers[l], in, out, l + 1u == model->num_layers);
        in = out;
    }
    PNET_LABEL_AND_COPY(in, model->num_labels, logits, best);
    return best;
}

int pnet_predict_pixels(const pnet_model *model, const uint8_t *pixels, int32_t *scratch, int32_t *logits) {
    int status = pnet_project_pixels(model, pixels, scratch, NULL);
    return status < 0 ? status : pnet_forward_fixed(model, scratch, logits);
}

void pnet_fixed_probabilities(const pnet_model *model, const int32_t *logits, float *probabilities) {
    uint32_t j;
    for (j = 0; j < model->num_labels; j++) {
        probabilities[j] = (float) logits[j] * model->logit_scale;
    }
    pnet_softmax(probabilities, model->num_labels, probabilities);
}

/* ---------------------------------------------------------------------------------------------------
 * Text: the "sgnn-text" version 1 featurizer of docs/TEXT.md, step for step as the Java reference
 * (TextFeaturizer, CodePointDecoder, TokenBuffer, FeatureCounter); change both or neither.
 * ------------------------------------------------------------------------------------------------- */

#define PNET_REPLACEMENT 0xFFFDu
#define PNET_SEPARATOR 0xFFu
#define PNET_TAG_SKIP_BASE 8u
#define PNET_TAG_CHAR_NGRAM 16u

static uint64_t pnet_read64(const uint8_t *p) {
    return (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 | (uint64_t) p[3] << 24
           | (uint64_t) p[4] << 32 | (uint64_t) p[5] << 40 | (uint64_t) p[6] << 48 | (uint64_t) p[7] << 56;
}

static uint64_t pnet_read32(const uint8_t *p) {
    return (uint64_t) p[0] | (uint64_t) p[1] << 8 | (uint64_t) p[2] << 16 | (uint64_t) p[3] << 24;
}

static uint64_t pnet_xxh_round(uint64_t acc, uint64_t input) {
    return pnet_rotl(acc + input * PNET_PRIME2, 31) * PNET_PRIME1;
}

static uint64_t pnet_xxh_merge(uint64_t h, uint64_t v) {
    return (h ^ pnet_xxh_round(0u, v)) * PNET_PRIME1 + PNET_PRIME4;
}

uint64_t pnet_xxh64(const uint8_t *data, size_t len, uint64_t seed) {
    const uint8_t *p = data;
    size_t left = len;
    uint64_t h;
    if (left >= 32u) {
        uint64_t v1 = seed + PNET_PRIME1 + PNET_PRIME2;
        uint64_t v2 = seed + PNET_PRIME2;
        uint64_t v3 = seed;
        uint64_t v4 = seed - PNET_PRIME1;
        do {
            v1 = pnet_xxh_round(v1, pnet_read64(p));
            v2 = pnet_xxh_round(v2, pnet_read64(p + 8));
            v3 = pnet_xxh_round(v3, pnet_read64(p + 16));
            v4 = pnet_xxh_round(v4, pnet_read64(p + 24));
            p += 32;
            left -= 32u;
        } while (left >= 32u);
        h = pnet_rotl(v1, 1) + pnet_rotl(v2, 7) + pnet_rotl(v3, 12) + pnet_rotl(v4, 18);
        h = pnet_xxh_merge(h, v1);
        h = pnet_xxh_merge(h, v2);
        h = pnet_xxh_merge(h, v3);
        h = pnet_xxh_merge(h, v4);
    } else {
        h = seed + PNET_PRIME5;
    }
    h += (uint64_t) len;
    while (left >= 8u) {
        h ^= pnet_xxh_round(0u, pnet_read64(p));
        h = pnet_rotl(h, 27) * PNET_PRIME1 + PNET_PRIME4;
        p += 8;
        left -= 8u;
    }
    if (left >= 4u) {
        h ^= pnet_read32(p) * PNET_PRIME1;
        h = pnet_rotl(h, 23) * PNET_PRIME2 + PNET_PRIME3;
        p += 4;
        left -= 4u;
    }
    while (left > 0u) {
        h ^= (uint64_t) *p * PNET_PRIME5;
        h = pnet_rotl(h, 11) * PNET_PRIME1;
        p++;
        left--;
    }
    h ^= h >> 33;
    h *= PNET_PRIME2;
    h ^= h >> 29;
    h *= PNET_PRIME3;
    h ^= h >> 32;
    return h;
}

/* The caller's text scratch, carved into the featurizer's arrays (all sized from N and F). */
typedef struct pnet_text_work {
    uint64_t *keys;          /* F: distinct keys in order of first occurrence */
    uint32_t *counts;        /* F */
    float *weights;          /* F: counts or 1, for the projection */
    uint32_t *slots;         /* S = 2^slot_bits >= 2F: 1 + index into keys, 0 = empty */
    uint32_t *tok_start;     /* N: byte offset of token i in bytes, and one past its end */
    uint32_t *tok_end;
    uint32_t *tok_cp_start;  /* N: index in cp_offset of token i's first code point, one past its last */
    uint32_t *tok_cp_end;
    uint32_t *cp_offset;     /* N: byte offset of every code point written to bytes */
    uint8_t *tok_is_word;    /* N */
    uint8_t *bytes;          /* 5N + 1: FF t0 FF t1 FF ... FF */
    uint8_t *pair;           /* 4N + 1 when max_skip > 0: t[a] FF t[b] */
    uint32_t slot_bits;
    uint32_t length;
    uint32_t tokens;
    uint32_t code_points;
    int in_word;
    uint32_t size;
} pnet_text_work;

/*
 * Lays the arrays out from base (when not NULL) and returns the bytes they take, a multiple of 8.
 * The exporter's <NAME>_TEXT_SCRATCH_BYTES is the same sum (CExporter.textScratchBytes).
 */
static size_t pnet_text_layout(const pnet_text_config *t, unsigned char *base, pnet_text_work *w) {
    size_t n = t->max_code_points;
    size_t f = t->max_features;
    uint32_t bits = 1u;
    size_t at = 0u;
    size_t slots;
    while (((size_t) 1 << bits) < 2u * f) {
        bits++;
    }
    slots = (size_t) 1 << bits;
    if (base != NULL) {
        w->slot_bits = bits;
        w->keys = (uint64_t *) (void *) base;
        w->counts = (uint32_t *) (void *) (base + 8u * f);
        w->weights = (float *) (void *) (base + 12u * f);
        w->slots = (uint32_t *) (void *) (base + 16u * f);
        at = 16u * f + 4u * slots;
        w->tok_start = (uint32_t *) (void *) (base + at);
        w->tok_end = (uint32_t *) (void *) (base + at + 4u * n);
        w->tok_cp_start = (uint32_t *) (void *) (base + at + 8u * n);
        w->tok_cp_end = (uint32_t *) (void *) (base + at + 12u * n);
        w->cp_offset = (uint32_t *) (void *) (base + at + 16u * n);
        w->tok_is_word = base + at + 20u * n;
        w->bytes = base + at + 21u * n;
        w->pair = base + at + 26u * n + 1u;
    }
    at = 16u * f + 4u * slots + 26u * n + 1u + (t->max_skip > 0u ? 4u * n + 1u : 0u);
    return (at + 7u) & ~(size_t) 7u;
}

static uint32_t pnet_char_class(const pnet_text_config *t, uint32_t cp) {
    uint32_t lo = 0;
    uint32_t hi = t->num_class_ranges;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2u;
        const pnet_class_range *r = &t->class_ranges[mid];
        if (cp < r->start) {
            hi = mid;
        } else if (cp > r->end) {
            lo = mid + 1u;
        } else {
            return r->char_class;
        }
    }
    return PNET_CLASS_WORD;
}

static uint32_t pnet_fold(const pnet_text_config *t, uint32_t cp) {
    uint32_t lo = 0;
    uint32_t hi = t->num_fold_runs;
    const pnet_fold_run *r;
    if (cp >= t->fold_limit) {
        return cp;
    }
    /* lo = the number of runs starting at or below cp; the last of them is the only candidate. */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2u;
        if (t->fold_runs[mid].start <= cp) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    if (lo == 0u) {
        return cp;
    }
    r = &t->fold_runs[lo - 1u];
    if (cp <= r->end && (cp - r->start) % r->stride == 0u) {
        return (uint32_t) ((int32_t) cp + r->delta);
    }
    return cp;
}

static void pnet_put(pnet_text_work *w, uint32_t cp) {
    uint8_t *b = w->bytes + w->length;
    w->cp_offset[w->code_points++] = w->length;
    if (cp < 0x80u) {
        b[0] = (uint8_t) cp;
        w->length += 1u;
    } else if (cp < 0x800u) {
        b[0] = (uint8_t) (0xC0u | cp >> 6);
        b[1] = (uint8_t) (0x80u | (cp & 0x3Fu));
        w->length += 2u;
    } else if (cp < 0x10000u) {
        b[0] = (uint8_t) (0xE0u | cp >> 12);
        b[1] = (uint8_t) (0x80u | (cp >> 6 & 0x3Fu));
        b[2] = (uint8_t) (0x80u | (cp & 0x3Fu));
        w->length += 3u;
    } else {
        b[0] = (uint8_t) (0xF0u | cp >> 18);
        b[1] = (uint8_t) (0x80u | (cp >> 12 & 0x3Fu));
        b[2] = (uint8_t) (0x80u | (cp >> 6 & 0x3Fu));
        b[3] = (uint8_t) (0x80u | (cp & 0x3Fu));
        w->length += 4u;
    }
}

static void pnet_start_token(pnet_text_work *w, int word) {
    w->tok_start[w->tokens] = w->length;
    w->tok_cp_start[w->tokens] = w->code_points;
    w->tok_is_word[w->tokens] = (uint8_t) word;
}

static void pnet_end_token(pnet_text_work *w) {
    w->tok_end[w->tokens] = w->length;
    w->tok_cp_end[w->tokens] = w->code_points;
    w->tokens++;
    w->bytes[w->length++] = PNET_SEPARATOR;
}

static void pnet_end_word(pnet_text_work *w) {
    if (w->in_word) {
        pnet_end_token(w);
        w->in_word = 0;
    }
}

/* The tokenizer (docs/TEXT.md section 4): one code point. */
static void pnet_accept(const pnet_text_config *t, pnet_text_work *w, uint32_t cp) {
    switch (pnet_char_class(t, cp)) {
        case PNET_CLASS_WORD:
            if (!w->in_word) {
                pnet_start_token(w, 1);
                w->in_word = 1;
            }
            pnet_put(w, t->case_fold ? pnet_fold(t, cp) : cp);
            break;
        case PNET_CLASS_SPACE:
            pnet_end_word(w);
            break;
        case PNET_CLASS_IGNORED:
            break;
        default:
            pnet_end_word(w);
            pnet_start_token(w, 0);
            pnet_put(w, cp);
            pnet_end_token(w);
            break;
    }
}

/*
 * UTF-8 to at most N code points (docs/TEXT.md section 1): a byte that cannot start a sequence is one
 * U+FFFD; a valid lead with too few valid continuations is one U+FFFD, and decoding resumes at the
 * offending byte (maximal subparts).
 */
static void pnet_decode_utf8(const pnet_text_config *t, pnet_text_work *w, const uint8_t *b, size_t len) {
    size_t p = 0;
    uint32_t count = 0;
    while (p < len && count < t->max_code_points) {
        uint32_t b0 = b[p];
        uint32_t need;
        uint32_t cp;
        uint32_t lo = 0x80u;
        uint32_t hi = 0xBFu;
        uint32_t k;
        size_t q;
        int ok = 1;
        count++;
        if (b0 < 0x80u) {
            pnet_accept(t, w, b0);
            p++;
            continue;
        }
        if (b0 >= 0xC2u && b0 <= 0xDFu) {
            need = 1u;
            cp = b0 & 0x1Fu;
        } else if (b0 >= 0xE0u && b0 <= 0xEFu) {
            need = 2u;
            cp = b0 & 0x0Fu;
            if (b0 == 0xE0u) {
                lo = 0xA0u;
            } else if (b0 == 0xEDu) {
                hi = 0x9Fu;
            }
        } else if (b0 >= 0xF0u && b0 <= 0xF4u) {
            need = 3u;
            cp = b0 & 0x07u;
            if (b0 == 0xF0u) {
                lo = 0x90u;
            } else if (b0 == 0xF4u) {
                hi = 0x8Fu;
            }
        } else {
            pnet_accept(t, w, PNET_REPLACEMENT);
            p++;
            continue;
        }
        q = p + 1u;
        for (k = 0; k < need; k++) {
            uint32_t bk;
            if (q >= len) {
                ok = 0;
                break;
            }
            bk = b[q];
            /* Only the second byte has a narrowed range (E0, ED, F0, F4); later ones are 80..BF. */
            if (bk < (k == 0u ? lo : 0x80u) || bk > (k == 0u ? hi : 0xBFu)) {
                ok = 0;
                break;
            }
            cp = cp << 6 | (bk & 0x3Fu);
            q++;
        }
        pnet_accept(t, w, ok ? cp : PNET_REPLACEMENT);
        p = q;
    }
}

/* Adds one occurrence of key to the bag: counted if present, appended if new and fewer than F are held. */
static void pnet_bag_add(const pnet_text_config *t, pnet_text_work *w, uint64_t key) {
    uint32_t mask = (UINT32_C(1) << w->slot_bits) - 1u;
    uint32_t s = (uint32_t) (key >> (64u - w->slot_bits));
    while (w->slots[s] != 0u) {
        uint32_t idx = w->slots[s] - 1u;
        if (w->keys[idx] == key) {
            w->counts[idx]++;
            return;
        }
        s = (s + 1u) & mask;
    }
    if (w->size == t->max_features) {
        return;
    }
    w->slots[s] = w->size + 1u;
    w->keys[w->size] = key;
    w->counts[w->size] = 1u;
    w->size++;
}

/* Byte offset of symbol s of token i: the start mark (s = 0), its code points (1 .. m), the end mark (m + 1). */
static uint32_t pnet_symbol_start(const pnet_text_work *w, uint32_t i, uint32_t s) {
    return s == 0u ? w->tok_start[i] - 1u : w->cp_offset[w->tok_cp_start[i] + s - 1u];
}

static uint32_t pnet_symbol_end(const pnet_text_work *w, uint32_t i, uint32_t s) {
    uint32_t m = w->tok_cp_end[i] - w->tok_cp_start[i];
    if (s == m + 1u) {
        return w->tok_end[i] + 1u;
    }
    return s == m ? w->tok_end[i] : w->cp_offset[w->tok_cp_start[i] + s];
}

/*
 * Empties the bag in O(its size), for the next token of a sequence model: slots are cleared in reverse order of
 * insertion, so when key j's slot is sought every key inserted before it still marks the probe path j took.
 */
static void pnet_bag_clear(pnet_text_work *w) {
    uint32_t mask = (UINT32_C(1) << w->slot_bits) - 1u;
    while (w->size > 0u) {
        uint32_t idx = --w->size;
        uint32_t s = (uint32_t) (w->keys[idx] >> (64u - w->slot_bits));
        while (w->slots[s] != idx + 1u) {
            s = (s + 1u) & mask;
        }
        w->slots[s] = 0u;
    }
}

/* The seeds of the feature types (docs/TEXT.md section 5): word n-grams by n, skip-grams by k, char n-grams. */
typedef struct pnet_text_seeds {
    uint64_t word[4];
    uint64_t skip[5];
    uint64_t chars;
} pnet_text_seeds;

static void pnet_seeds(const pnet_text_config *t, pnet_text_seeds *seeds) {
    uint32_t n;
    for (n = 1; n <= 3u; n++) {
        seeds->word[n] = pnet_splitmix64(t->hash_seed, n);
    }
    for (n = 1; n <= 4u; n++) {
        seeds->skip[n] = pnet_splitmix64(t->hash_seed, PNET_TAG_SKIP_BASE + n);
    }
    seeds->chars = pnet_splitmix64(t->hash_seed, PNET_TAG_CHAR_NGRAM);
}

/* Adds the features generated at token i to the bag, in the order of docs/TEXT.md section 5. */
static void pnet_emit(const pnet_text_config *t, pnet_text_work *w, const pnet_text_seeds *seeds, uint32_t i) {
    uint32_t end = w->tok_end[i];
    uint32_t n;
    uint32_t k;
    for (n = 1; n <= t->word_ngram_max && n <= i + 1u; n++) {
        uint32_t start = w->tok_start[i - n + 1u];
        pnet_bag_add(t, w, pnet_xxh64(w->bytes + start, end - start, seeds->word[n]));
    }
    for (k = 1; k <= t->max_skip && k + 1u <= i; k++) {
        uint32_t a = i - k - 1u;
        uint32_t len_a = w->tok_end[a] - w->tok_start[a];
        uint32_t len_b = end - w->tok_start[i];
        memcpy(w->pair, w->bytes + w->tok_start[a], len_a);
        w->pair[len_a] = PNET_SEPARATOR;
        memcpy(w->pair + len_a + 1u, w->bytes + w->tok_start[i], len_b);
        pnet_bag_add(t, w, pnet_xxh64(w->pair, len_a + 1u + len_b, seeds->skip[k]));
    }
    if (t->char_ngram_max > 0u && w->tok_is_word[i]) {
        uint32_t symbols = w->tok_cp_end[i] - w->tok_cp_start[i] + 2u;
        for (n = t->char_ngram_min; n <= t->char_ngram_max; n++) {
            uint32_t s;
            for (s = 0; s + n <= symbols; s++) {
                uint32_t from = pnet_symbol_start(w, i, s);
                uint32_t to = pnet_symbol_end(w, i, s + n - 1u);
                pnet_bag_add(t, w, pnet_xxh64(w->bytes + from, to - from, seeds->chars));
            }
        }
    }
}

/* Every feature of the tokens, token by token (docs/TEXT.md section 5). */
static void pnet_generate(const pnet_text_config *t, pnet_text_work *w) {
    pnet_text_seeds seeds;
    uint32_t i;
    pnet_seeds(t, &seeds);
    for (i = 0; i < w->tokens; i++) {
        pnet_emit(t, w, &seeds, i);
    }
}

/* Checks the arguments, lays out the scratch and tokenizes the text, with an empty bag; returns 0 or PNET_ERR_*. */
static int pnet_text_tokens(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                            size_t text_scratch_bytes, pnet_text_work *w) {
    const pnet_text_config *t;
    uint32_t s;
    if (model == NULL || utf8 == NULL || text_scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    t = model->text;
    if (t == NULL) {
        return PNET_ERR_INPUT_KIND;
    }
#if defined(UINTPTR_MAX)
    if (((uintptr_t) text_scratch & 7u) != 0u) {
        return PNET_ERR_SCRATCH;
    }
#endif
    if (text_scratch_bytes < pnet_text_layout(t, NULL, w)) {
        return PNET_ERR_SCRATCH;
    }
    pnet_text_layout(t, (unsigned char *) text_scratch, w);
    /* Emptying the table costs 4 * S bytes of stores per text, little next to the hashing. */
    for (s = 0; s < (UINT32_C(1) << w->slot_bits); s++) {
        w->slots[s] = 0u;
    }
    w->size = 0u;
    w->bytes[0] = PNET_SEPARATOR;
    w->length = 1u;
    w->tokens = 0u;
    w->code_points = 0u;
    w->in_word = 0;
    pnet_decode_utf8(t, w, (const uint8_t *) utf8, len);
    pnet_end_word(w);
    return 0;
}

/* pnet_text_tokens, then the bag of every token's features; returns its size or PNET_ERR_*. */
static int pnet_text_bag(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                         size_t text_scratch_bytes, pnet_text_work *w) {
    int status = pnet_text_tokens(model, utf8, len, text_scratch, text_scratch_bytes, w);
    if (status < 0) {
        return status;
    }
    pnet_generate(model->text, w);
    return (int) w->size;
}

/* The weights of the bag's features: their counts, or 1 (docs/TEXT.md, "Weights"). */
static void pnet_bag_weights(const pnet_text_config *t, pnet_text_work *w) {
    uint32_t j;
    for (j = 0; j < w->size; j++) {
        w->weights[j] = t->weighting == PNET_WEIGHT_BINARY ? 1.0f : (float) w->counts[j];
    }
}

int pnet_featurize_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                        size_t text_scratch_bytes, const uint64_t **keys, const uint32_t **counts) {
    pnet_text_work w;
    int n;
    if (keys == NULL || counts == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    n = pnet_text_bag(model, utf8, len, text_scratch, text_scratch_bytes, &w);
    if (n >= 0) {
        *keys = w.keys;
        *counts = w.counts;
    }
    return n;
}

int pnet_project_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                      size_t text_scratch_bytes, float *scratch, uint64_t *bits) {
    pnet_text_work w;
    int n;
    int status;
    if (scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model != NULL && (model->sequence != NULL || model->sketch != NULL)) {
        return PNET_ERR_INPUT_KIND;
    }
    n = pnet_text_bag(model, utf8, len, text_scratch, text_scratch_bytes, &w);
    if (n < 0) {
        return n;
    }
    pnet_bag_weights(model->text, &w);
    status = pnet_project_features(model, w.keys, w.weights, w.size, scratch, bits);
    return status < 0 ? status : n;
}

int pnet_predict_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                      size_t text_scratch_bytes, float *scratch, float *probabilities) {
    const pnet_sequence *q = model == NULL ? NULL : model->sequence;
    const pnet_sketch *k = model == NULL ? NULL : model->sketch;
    int status = q != NULL && q->encode != NULL
                 ? q->encode(model, utf8, len, text_scratch, text_scratch_bytes, scratch, NULL)
                 : k != NULL && k->text != NULL ? k->text(model, utf8, len, text_scratch, text_scratch_bytes, scratch)
                 : pnet_project_text(model, utf8, len, text_scratch, text_scratch_bytes, scratch, NULL);
    return status < 0 ? status : pnet_forward(model, scratch, NULL, probabilities);
}

/* Java's Math.max on finite floats: the larger, and +0 over -0. */
static float pnet_max(float a, float b) {
    if (a == 0.0f && b == 0.0f) {
        return signbit(a) ? b : a;
    }
    return a >= b ? a : b;
}

/*
 * Token t's bits (the projection of the features generated at t; none for t >= the number of tokens, the one
 * token of a text without tokens): the encoded bits in acc, the packed ones in bits when not NULL.
 */
static void pnet_token_bits(const pnet_model *m, pnet_text_work *w, const pnet_text_seeds *seeds, uint32_t t,
                            float *acc, uint64_t *bits) {
    pnet_bag_clear(w);
    if (t < w->tokens) {
        pnet_emit(m->text, w, seeds, t);
        pnet_bag_weights(m->text, w);
    }
    pnet_project_bag(m, w->keys, w->weights, w->size, acc, bits);
}

/*
 * The sequence encoder, streamed: window holds h_(s-k+1) .. h_s (k rows of D, zeros before the first token and
 * after the last) when token s has entered it, which is u_(s-p), the convolution's input for t = s - p; the same
 * floats in the same order as the Java runtime's rows of all tokens, in k * D floats instead of (L + k - 1) * D.
 * Scratch: pooled g [0, C), c_t [C, 2C), the window [2C, 2C + kD), the token's bits [2C + kD, 2C + kD + B).
 */
int pnet_encode_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                     size_t text_scratch_bytes, float *scratch, uint64_t *token_bits) {
    pnet_text_work w;
    pnet_text_seeds seeds;
    const pnet_sequence *q;
    float *pooled;
    float *conv;
    float *window;
    float *acc;
    size_t d;
    size_t shifted;
    uint32_t channels;
    uint32_t p;
    uint32_t n;
    uint32_t s;
    uint32_t j;
    int status;
    if (model == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    q = model->sequence;
    if (q == NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    if (!pnet_supported(q->token_layer.nonlinearity) || !pnet_supported(q->conv_layer.nonlinearity)) {
        return PNET_ERR_UNSUPPORTED;
    }
    status = pnet_text_tokens(model, utf8, len, text_scratch, text_scratch_bytes, &w);
    if (status < 0) {
        return status;
    }
    d = q->token_layer.n_out;
    channels = q->conv_layer.n_out;
    p = (q->conv_width - 1u) / 2u;
    n = w.tokens < q->max_tokens ? w.tokens : q->max_tokens;
    n = n == 0u ? 1u : n;
    pooled = scratch;
    conv = scratch + channels;
    window = conv + channels;
    shifted = (size_t) (q->conv_width - 1u) * d;
    acc = window + shifted + d;
    for (j = 0; j < shifted + d; j++) {
        window[j] = 0.0f;
    }
    pnet_seeds(model->text, &seeds);
    for (s = 0; s < n + p; s++) {
        float *row = window + shifted;
        size_t i;
        /* A forward copy moves the window down by one row (no memmove: it would pull in libc code on a device). */
        for (i = 0; i < shifted; i++) {
            window[i] = window[i + d];
        }
        if (s < n) {
            pnet_token_bits(model, &w, &seeds, s, acc,
                            token_bits == NULL ? NULL : token_bits + (size_t) s * model->num_words);
            pnet_dense(&q->token_layer, acc, row);
        } else {
            for (j = 0; j < d; j++) {
                row[j] = 0.0f;
            }
        }
        if (s >= p) {
            pnet_dense(&q->conv_layer, window, conv);
            for (j = 0; j < channels; j++) {
                pooled[j] = s == p ? conv[j] : pnet_max(pooled[j], conv[j]);
            }
        }
    }
    return (int) n;
}

/* ---------------------------------------------------------------------------------------------------
 * Sketch models (format version 4's SKETCH family), as the Java CountSketch and SketchProjection.
 * ------------------------------------------------------------------------------------------------- */

/*
 * (h >> 1) mod B for B <= 2^16 in 32-bit arithmetic (a 64-bit division is a library call on a 32-bit core): with
 * h >> 1 = hi * 2^32 + lo and r32 = 2^32 mod B, it is ((hi mod B) * r32 + lo mod B) mod B, whose product stays below
 * 2^32; a power of two B is a mask.
 */
static uint32_t pnet_bucket(uint64_t h, uint32_t buckets, uint32_t r32) {
    uint64_t u = h >> 1;
    uint32_t hi = (uint32_t) (u >> 32);
    uint32_t lo = (uint32_t) u;
    if ((buckets & (buckets - 1u)) == 0u) {
        return lo & (buckets - 1u);
    }
    return ((hi % buckets) * r32 % buckets + lo % buckets) % buckets;
}

/* The count sketch of (keys[j], weights[j]), j < count, into x[0 .. B) (pnet_runtime.h, pnet_sketch). */
static void pnet_count_sketch(const pnet_model *m, const uint64_t *keys, const float *weights, uint32_t count,
                              float *x) {
    uint32_t buckets = m->num_bits;
    /* 2^32 mod B = ((2^32 - 1) mod B + 1) mod B. */
    uint32_t r32 = (UINT32_C(0xFFFFFFFF) % buckets + 1u) % buckets;
    float sum = 0.0f;
    uint32_t b;
    uint32_t j;
    for (b = 0; b < buckets; b++) {
        x[b] = 0.0f;
    }
    for (j = 0; j < count; j++) {
        uint64_t h = pnet_xxh64_u64(keys[j], m->seed);
        float root = sqrtf(weights[j]);
        uint32_t at = pnet_bucket(h, buckets, r32);
        x[at] = x[at] + ((h & 1u) == 0u ? root : -root);
    }
    /* One running sum in b order, no reassociation (no -ffast-math), as Java's loop. */
    for (b = 0; b < buckets; b++) {
        sum += x[b] * x[b];
    }
    if (sum > 0.0f) {
        float norm = sqrtf(sum);
        for (b = 0; b < buckets; b++) {
            x[b] = x[b] / norm;
        }
    }
}

int pnet_sketch_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                         float *scratch) {
    uint32_t j;
    if (model == NULL || scratch == NULL || (count > 0u && (keys == NULL || weights == NULL))) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->sketch == NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    for (j = 0; j < count; j++) {
        /* As Java's CountSketch: [0, 2^24] (-0 passes: its square root is -0, which adds nothing), so that the squares
           of the sums stay finite; NaN fails both comparisons. */
        if (!(weights[j] >= 0.0f && weights[j] <= 16777216.0f)) {
            return PNET_ERR_NOT_FINITE;
        }
    }
    pnet_count_sketch(model, keys, weights, count, scratch);
    return 0;
}

int pnet_sketch_text(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                     size_t text_scratch_bytes, float *scratch) {
    pnet_text_work w;
    int n;
    if (scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model != NULL && model->sketch == NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    n = pnet_text_bag(model, utf8, len, text_scratch, text_scratch_bytes, &w);
    if (n < 0) {
        return n;
    }
    /* sqrtf of a count below 2^24 is Java's (float) Math.sqrt(count): double rounding is exact for the root. */
    pnet_bag_weights(model->text, &w);
    pnet_count_sketch(model, w.keys, w.weights, w.size, scratch);
    return n;
}

int pnet_project_text_fixed(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                            size_t text_scratch_bytes, int32_t *scratch, uint64_t *bits) {
    pnet_text_work w;
    int n;
    uint32_t j;
    if (scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model != NULL && (model->sequence != NULL || model->sketch != NULL)) {
        return PNET_ERR_INPUT_KIND;
    }
    n = pnet_text_bag(model, utf8, len, text_scratch, text_scratch_bytes, &w);
    if (n < 0) {
        return n;
    }
    for (j = 0; j < model->num_bits; j++) {
        scratch[j] = 0;
    }
    for (j = 0; j < w.size; j++) {
        pnet_accumulate_int(model, w.keys[j],
                            model->text->weighting == PNET_WEIGHT_BINARY ? 1 : (int32_t) w.counts[j], scratch);
    }
    pnet_threshold_int(model, scratch, bits);
    return n;
}

int pnet_predict_text_fixed(const pnet_model *model, const char *utf8, size_t len, void *text_scratch,
                            size_t text_scratch_bytes, int32_t *scratch, int32_t *logits) {
    int status = pnet_project_text_fixed(model, utf8, len, text_scratch, text_scratch_bytes, scratch, NULL);
    return status < 0 ? status : pnet_forward_fixed(model, scratch, logits);
}

/* ---------------------------------------------------------------------------------------------------
 * Patch models (format version 5's PATCH family), as the Java PatchBits and Predictor's patch encoder.
 * ------------------------------------------------------------------------------------------------- */

/*
 * Every position's patch, gathered into window and projected by pnet_dense_sums into acc: the encoded bits go to the
 * map a0[b][i][j] (B x H0 x W0, CHW, the first stage's input) and, when bits is not NULL, packed position-major.
 */
static void pnet_patch_bits(const pnet_model *m, const float *x, float *map, float *window, float *acc,
                            uint64_t *bits) {
    const pnet_patch *e = m->patch;
    uint32_t rows = (e->height - e->window) / e->stride + 1u;
    uint32_t columns = (e->width - e->window) / e->stride + 1u;
    size_t positions = (size_t) rows * columns;
    float off = m->encoding == PNET_PLUS_MINUS_ONE ? -1.0f : 0.0f;
    size_t position = 0u;
    size_t bit = 0u;
    uint32_t i;
    uint32_t j;
    if (bits != NULL) {
        size_t words = (positions * m->num_bits + 63u) / 64u;
        size_t g;
        for (g = 0; g < words; g++) {
            bits[g] = 0u;
        }
    }
    for (i = 0; i < rows; i++) {
        for (j = 0; j < columns; j++, position++) {
            uint32_t n = 0u;
            uint32_t dy;
            uint32_t dx;
            uint32_t ch;
            uint32_t b;
            for (dy = 0; dy < e->window; dy++) {
                for (dx = 0; dx < e->window; dx++) {
                    for (ch = 0; ch < e->channels; ch++) {
                        window[n++] = x[((size_t) ch * e->height + i * e->stride + dy) * e->width + j * e->stride + dx];
                    }
                }
            }
            pnet_dense_sums(m, window, n, acc);
            for (b = 0; b < m->num_bits; b++, bit++) {
                int set = acc[b] > 0.0f;
                if (bits != NULL) {
                    bits[bit >> 6] |= (uint64_t) set << (bit & 63u);
                }
                map[b * positions + position] = set ? 1.0f : off;
            }
        }
    }
}

/*
 * One stage on the map in (cin x h x w) into out (Cout x (h - k + 1) / q x (w - k + 1) / q), as the Java
 * Predictor.convolve: each pooled output is the max (Java's Math.max) of the convolution at the q x q positions it
 * covers, each computed once into z by pnet_dense on the gathered window; the positions the pooling drops are never
 * computed.
 */
static void pnet_stage(const pnet_conv_stage *st, const float *in, uint32_t cin, uint32_t h, uint32_t w, float *out,
                       float *window, float *z) {
    uint32_t k = st->kernel;
    uint32_t q = st->pool;
    uint32_t out_w = (w - k + 1u) / q;
    size_t plane = (size_t) h * w;
    size_t out_plane = (size_t) ((h - k + 1u) / q) * out_w;
    size_t o;
    for (o = 0; o < out_plane; o++) {
        uint32_t i = (uint32_t) (o / out_w);
        uint32_t j = (uint32_t) (o % out_w);
        uint32_t dy;
        uint32_t dx;
        for (dy = 0; dy < q; dy++) {
            for (dx = 0; dx < q; dx++) {
                uint32_t n = 0u;
                uint32_t ky;
                uint32_t kx;
                uint32_t c;
                for (ky = 0; ky < k; ky++) {
                    for (kx = 0; kx < k; kx++) {
                        size_t at = (size_t) (i * q + dy + ky) * w + j * q + dx + kx;
                        for (c = 0; c < cin; c++) {
                            window[n++] = in[at + c * plane];
                        }
                    }
                }
                pnet_dense(&st->conv, window, z);
                for (c = 0; c < st->conv.n_out; c++) {
                    float *a = out + o + c * out_plane;
                    *a = dy == 0u && dx == 0u ? z[c] : pnet_max(*a, z[c]);
                }
            }
        }
    }
}

/*
 * The scratch as pnet_patch lays it out: map l of n stages (0: the bit map) is in buffer (n - l) % 2, so that the last
 * map starts the scratch, where pnet_forward reads the first dense layer's input.
 */
int pnet_project_patches(const pnet_model *model, const float *x, float *scratch, uint64_t *bits) {
    const pnet_patch *e;
    float *buffer[2];
    float *window;
    float *acc;
    uint32_t channels;
    uint32_t h;
    uint32_t w;
    uint32_t n;
    uint32_t l;
    if (model == NULL || x == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    e = model->patch;
    if (e == NULL) {
        return PNET_ERR_INPUT_KIND;
    }
    n = e->num_stages;
    for (l = 0; l < n; l++) {
        if (!pnet_supported(e->stages[l].conv.nonlinearity)) {
            return PNET_ERR_UNSUPPORTED;
        }
    }
    if (!pnet_all_finite(x, model->n_in)) {
        return PNET_ERR_NOT_FINITE;
    }
    buffer[0] = scratch;
    buffer[1] = scratch + e->map_floats[0];
    window = buffer[1] + e->map_floats[1];
    acc = window + e->window_floats;
    pnet_patch_bits(model, x, buffer[n & 1u], window, acc, bits);
    channels = model->num_bits;
    h = (e->height - e->window) / e->stride + 1u;
    w = (e->width - e->window) / e->stride + 1u;
    for (l = 0; l < n; l++) {
        const pnet_conv_stage *st = &e->stages[l];
        pnet_stage(st, buffer[(n - l) & 1u], channels, h, w, buffer[(n - l - 1u) & 1u], window, acc);
        channels = st->conv.n_out;
        h = (h - st->kernel + 1u) / st->pool;
        w = (w - st->kernel + 1u) / st->pool;
    }
    return 0;
}
