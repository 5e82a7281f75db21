/*
 * pnet_runtime.c: see pnet_runtime.h. Every float operation below mirrors the Java runtime
 * (LshProjection, DenseKernels, Nonlinearity) operation for operation; change both or neither.
 */
#include "pnet_runtime.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

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
 * acc[b] += P[key][b] * v for every b: entries are regenerated from the key, word by word, and only
 * the non-zero ones are visited. Each acc[b] receives its terms in call order, as in Java.
 */
static void pnet_accumulate(const pnet_model *m, uint64_t key, float v, float *acc) {
    uint64_t base = pnet_xxh64_u64(key, m->seed);
    uint32_t k = m->sparsity_log2;
    uint32_t tail = m->num_bits & 63u;
    uint32_t g;
    for (g = 0; g < m->num_words; g++) {
        uint64_t c0 = (uint64_t) g * (k + 1u);
        uint64_t sign = pnet_splitmix64(base, c0);
        uint64_t nonzero = ~UINT64_C(0);
        uint64_t pos;
        uint64_t neg;
        uint32_t j;
        float *word = acc + (size_t) g * 64u;
        for (j = 1; j <= k; j++) {
            nonzero &= pnet_splitmix64(base, c0 + j);
        }
        if (g == m->num_words - 1u && tail != 0u) {
            nonzero &= (UINT64_C(1) << tail) - 1u;
        }
        pos = nonzero & ~sign;
        neg = nonzero & sign;
        while (pos != 0u) {
            word[pnet_lowest_bit(pos)] += v;
            pos &= pos - 1u;
        }
        while (neg != 0u) {
            word[pnet_lowest_bit(neg)] -= v;
            neg &= neg - 1u;
        }
    }
}

/* acc[b] > 0 -> packed bits (optional) and the encoded value, in place. */
static void pnet_threshold(const pnet_model *m, float *acc, uint64_t *bits) {
    float on = 1.0f;
    float off = m->encoding == PNET_PLUS_MINUS_ONE ? -1.0f : 0.0f;
    uint32_t b;
    if (bits != NULL) {
        for (b = 0; b < m->num_words; b++) {
            bits[b] = 0u;
        }
    }
    for (b = 0; b < m->num_bits; b++) {
        int set = acc[b] > 0.0f;
        if (set && bits != NULL) {
            bits[b >> 6] |= UINT64_C(1) << (b & 63u);
        }
        acc[b] = set ? on : off;
    }
}

int pnet_project_dense(const pnet_model *model, const float *x, float *scratch, uint64_t *bits) {
    uint32_t i;
    if (model == NULL || x == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->input_kind != PNET_DENSE) {
        return PNET_ERR_INPUT_KIND;
    }
    for (i = 0; i < model->n_in; i++) {
        if (!isfinite(x[i])) {
            return PNET_ERR_NOT_FINITE;
        }
    }
    for (i = 0; i < model->num_bits; i++) {
        scratch[i] = 0.0f;
    }
    for (i = 0; i < model->n_in; i++) {
        if (x[i] != 0.0f) {
            pnet_accumulate(model, (uint64_t) i, x[i], scratch);
        }
    }
    pnet_threshold(model, scratch, bits);
    return 0;
}

int pnet_project_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, uint64_t *bits) {
    uint32_t j;
    if (model == NULL || scratch == NULL || (count > 0u && (keys == NULL || weights == NULL))) {
        return PNET_ERR_ARGUMENT;
    }
    if (model->input_kind != PNET_FEATURES) {
        return PNET_ERR_INPUT_KIND;
    }
    for (j = 0; j < count; j++) {
        if (!isfinite(weights[j])) {
            return PNET_ERR_NOT_FINITE;
        }
    }
    for (j = 0; j < model->num_bits; j++) {
        scratch[j] = 0.0f;
    }
    for (j = 0; j < count; j++) {
        if (weights[j] != 0.0f) {
            pnet_accumulate(model, keys[j], weights[j], scratch);
        }
    }
    pnet_threshold(model, scratch, bits);
    return 0;
}

static float pnet_apply(uint8_t f, float z, float alpha) {
    switch (f) {
        case PNET_RELU:
            return z > 0.0f ? z : 0.0f;
        case PNET_TANH:
            return (float) tanh((double) z);
        case PNET_SIGMOID:
            return (float) (1.0 / (1.0 + exp(-(double) z)));
        case PNET_LEAKY_RELU:
            return z > 0.0f ? z : alpha * z;
        case PNET_HARD_TANH:
            return z > 1.0f ? 1.0f : (z < -1.0f ? -1.0f : z);
        default:
            return z;
    }
}

/* out = f(in W + b); zero inputs are skipped, which changes no bit (docs/FORMAT.md 5.2). */
static void pnet_dense(const pnet_layer *l, const float *in, float *out) {
    uint32_t i;
    uint32_t j;
    uint32_t n_out = l->n_out;
    for (j = 0; j < n_out; j++) {
        out[j] = 0.0f;
    }
    if (l->weight_type == PNET_INT8) {
        for (i = 0; i < l->n_in; i++) {
            float x = in[i];
            if (x != 0.0f) {
                const int8_t *row = l->quantized + (size_t) i * n_out;
                for (j = 0; j < n_out; j++) {
                    out[j] += x * (float) row[j];
                }
            }
        }
        for (j = 0; j < n_out; j++) {
            float scaled = out[j] * l->scales[j];
            out[j] = pnet_apply(l->nonlinearity, scaled + l->bias[j], l->alpha);
        }
    } else {
        for (i = 0; i < l->n_in; i++) {
            float x = in[i];
            if (x != 0.0f) {
                const float *row = l->weights + (size_t) i * n_out;
                for (j = 0; j < n_out; j++) {
                    out[j] += x * row[j];
                }
            }
        }
        for (j = 0; j < n_out; j++) {
            out[j] = pnet_apply(l->nonlinearity, out[j] + l->bias[j], l->alpha);
        }
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
        float e = (float) exp((double) (logits[j] - m));
        probabilities[j] = e;
        sum += e;
    }
    for (j = 0; j < n; j++) {
        probabilities[j] = probabilities[j] / sum;
    }
}

int pnet_forward(const pnet_model *model, float *scratch, float *logits, float *probabilities) {
    float *in;
    float *out;
    uint32_t l;
    uint32_t j;
    int best = 0;
    if (model == NULL || scratch == NULL) {
        return PNET_ERR_ARGUMENT;
    }
    in = scratch;
    out = scratch + model->scratch_floats / 2u;
    for (l = 0; l < model->num_layers; l++) {
        float *t;
        pnet_dense(&model->layers[l], in, out);
        t = in;
        in = out;
        out = t;
    }
    for (j = 1; j < model->num_labels; j++) {
        if (in[j] > in[best]) {
            best = (int) j;
        }
    }
    if (logits != NULL) {
        for (j = 0; j < model->num_labels; j++) {
            logits[j] = in[j];
        }
    }
    if (probabilities != NULL) {
        pnet_softmax(in, model->num_labels, probabilities);
    }
    return best;
}

int pnet_predict_dense(const pnet_model *model, const float *x, float *scratch, float *probabilities) {
    int status = pnet_project_dense(model, x, scratch, NULL);
    return status < 0 ? status : pnet_forward(model, scratch, NULL, probabilities);
}

int pnet_predict_features(const pnet_model *model, const uint64_t *keys, const float *weights, uint32_t count,
                          float *scratch, float *probabilities) {
    int status = pnet_project_features(model, keys, weights, count, scratch, NULL);
    return status < 0 ? status : pnet_forward(model, scratch, NULL, probabilities);
}
