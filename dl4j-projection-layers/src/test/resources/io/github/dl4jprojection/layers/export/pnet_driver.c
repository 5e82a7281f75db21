/*
 * Test driver for the emitted C: reads one case per line from stdin, prints one result per line.
 *   dense model:    x_0 x_1 ... x_(n-1)                        (strtof syntax; tests send hex floats)
 *   feature model:  count key_0 weight_0 ... key_(c-1) weight_(c-1)   (keys in hex)
 *   a line starting with '!' calls the function of the other input kind (to test PNET_ERR_INPUT_KIND)
 *   text model:     t <hex bytes of the text>    pnet_project_text, then pnet_forward
 *                   b <hex bytes of the text>    pnet_featurize_text: prints "bag <n> <key hex>:<count> ..."
 *                   x                            argument checks: prints "checks <code> ..." (see run_checks)
 *                   k                            every family's calls on "a" (pnet_project_text, pnet_project_features
 *                                                with no features, pnet_encode_text, pnet_sketch_text, pnet_sketch_features
 *                                                with no features): prints "kinds <code> ..."
 *   sequence model (TESTNET_MAX_TOKENS): t lines through pnet_encode_text, then pnet_forward; the ok line's bit
 *                   words are those of every token read (n * TESTNET_NUM_WORDS)
 *   sketch model (TESTNET_SKETCH_BUCKETS): t lines through pnet_sketch_text, feature lines through
 *                   pnet_sketch_features, then pnet_forward; the ok line's words are the IEEE bits of the B sketch
 *                   values x (from a second, unmeasured call: pnet_forward may overwrite them in the scratch)
 *   patch model (TESTNET_PATCH_BITS_WORDS): dense lines through pnet_project_patches, then pnet_forward; the ok
 *                   line's bit words are those of every patch position (TESTNET_PATCH_BITS_WORDS);
 *                   d <values>   pnet_predict_dense (its label and probabilities; the bits and logits from a second,
 *                                unmeasured pnet_project_patches and pnet_forward)
 *   dense model without text: k    every family's dense calls on the last input (pnet_project_dense,
 *                   pnet_project_pixels, pnet_project_patches): prints "kinds <code> ..."
 *   integer-only model (TESTNET_FIXED): the same lines, through the integer calls (pnet_encode_bits and
 *                   pnet_forward_fixed after a float projection, pnet_project_text_fixed for text), and
 *                   p <hex bytes of the pixels>  pnet_project_pixels, then pnet_forward_fixed (dense models)
 * The first output line is "labels" and the label names, tab-separated. Then, per case:
 *   ok <hex bit words> | <label> | <logits> | <probabilities>      or      error <code>
 * with every float as the 8 hex digits of its IEEE bits (exact, and needs no C99 %a, which newlib lacks), and the
 * logits of an integer-only model as the 8 hex digits of the int32 (the probabilities, pnet_fixed_probabilities,
 * are computed outside the measured cost).
 * Built with PNET_DRIVER_COST (the Cortex-M build, pnet_mcu_startup.c), each ok line ends with
 *   | cost <instructions> <stack bytes>
 * measured around the projection and forward pass only (not the parsing or printing).
 */
/* stdio.h first: with arm-none-eabi-gcc -std=c99, newlib's inttypes.h defines PRIx64 only after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "pnet_model_testnet.h"

#ifdef PNET_DRIVER_COST
/* pnet_mcu_startup.c: paints the stack and reads the instruction counter; pnet_cost_end reports both. */
void pnet_cost_begin(void);
void pnet_cost_end(uint32_t *instructions, uint32_t *stack_bytes);
#define COST_BEGIN() pnet_cost_begin()
#define COST_END() pnet_cost_end(&cost_instructions, &cost_stack)
static uint32_t cost_instructions;
static uint32_t cost_stack;
#else
#define COST_BEGIN() ((void) 0)
#define COST_END() ((void) 0)
#endif

#define MAX_FEATURES 4096
#define MAX_TEXT (1 << 19)

static char line[1 << 20];
static float scratch[TESTNET_SCRATCH_FLOATS];
static float x[TESTNET_N_IN + 1];
static uint64_t keys[MAX_FEATURES];
static float weights[MAX_FEATURES];
static uint64_t bits[TESTNET_NUM_WORDS];
/* The bit words an ok line prints: the projection's, or every token's of a sequence model. */
static const uint64_t *out_bits = bits;
static size_t out_words = TESTNET_NUM_WORDS;
#ifdef TESTNET_MAX_TOKENS
static uint64_t token_bits[TESTNET_TOKEN_BITS_WORDS];
#endif
#ifdef TESTNET_PATCH_BITS_WORDS
static uint64_t patch_bits[TESTNET_PATCH_BITS_WORDS];
#endif
#ifdef TESTNET_SKETCH_BUCKETS
static uint64_t sketch_x[TESTNET_SKETCH_BUCKETS];

/* The ok line's words: the IEEE bits of the sketch a call left in the scratch. */
static void record_sketch(void) {
    uint32_t b;
    for (b = 0; b < TESTNET_SKETCH_BUCKETS; b++) {
        uint32_t u;
        memcpy(&u, &scratch[b], sizeof u);
        sketch_x[b] = u;
    }
    out_bits = sketch_x;
    out_words = TESTNET_SKETCH_BUCKETS;
}
#endif
static float logits[TESTNET_NUM_LABELS];
static float probabilities[TESTNET_NUM_LABELS];
#ifdef TESTNET_FIXED
static int32_t int_scratch[TESTNET_SCRATCH_INTS];
static int32_t int_logits[TESTNET_NUM_LABELS];
static uint8_t pixels[TESTNET_N_IN + 1];
#endif

#if defined(TESTNET_FIXED) || defined(TESTNET_TEXT_SCRATCH_BYTES)
static int hex_digit(int c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* Decodes the hex bytes after a command letter into out[0 .. max); returns their number. */
static size_t read_hex(const char *p, unsigned char *out, size_t max) {
    size_t n = 0;
    while (*p == ' ') {
        p++;
    }
    while (p[0] != '\0' && p[0] != '\n' && p[1] != '\0' && n < max) {
        out[n++] = (unsigned char) (hex_digit(p[0]) * 16 + hex_digit(p[1]));
        p += 2;
    }
    return n;
}
#endif
#ifdef TESTNET_TEXT_SCRATCH_BYTES
/*
 * One word more than the model asks for, to test a misaligned start; calls use the last
 * TESTNET_TEXT_SCRATCH_BYTES (TEXT), so that a sanitizer sees any write past the stated size.
 */
static uint64_t text_scratch[TESTNET_TEXT_SCRATCH_BYTES / 8 + 1];
#define TEXT (text_scratch + 1)
static char text[MAX_TEXT];

/* Decodes the hex bytes after the command letter into text; returns their number. */
static size_t read_text(const char *p) {
    return read_hex(p, (unsigned char *) text, MAX_TEXT);
}

static void print_bag(const char *p) {
    const uint64_t *keys;
    const uint32_t *counts;
    size_t n = read_text(p);
    int size = pnet_featurize_text(&testnet_model, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, &keys, &counts);
    int j;
    if (size < 0) {
        printf("error %d\n", size);
        return;
    }
    printf("bag %d", size);
    for (j = 0; j < size; j++) {
        printf(" %016" PRIx64 ":%" PRIu32, keys[j], counts[j]);
    }
    printf("\n");
}

/* The error codes of bad calls, then the scratch size the model states and the one the runtime accepts. */
static void run_checks(void) {
    const pnet_model *m = &testnet_model;
    const uint64_t *keys;
    const uint32_t *counts;
    char *misaligned = (char *) text_scratch + 4;
    printf("checks %d %d %d %d %d %d %d %d %d", pnet_predict_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES - 8, scratch, probabilities),
           pnet_predict_text(m, "a", 1, misaligned, TESTNET_TEXT_SCRATCH_BYTES, scratch, probabilities),
           pnet_predict_text(m, NULL, 0, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, probabilities),
           pnet_predict_text(NULL, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, probabilities),
           pnet_predict_text(m, "a", 1, NULL, TESTNET_TEXT_SCRATCH_BYTES, scratch, probabilities),
           pnet_predict_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, NULL, probabilities),
           pnet_featurize_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, NULL, &counts),
           pnet_featurize_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, &keys, &counts),
           pnet_predict_text(m, "", 0, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, probabilities));
    printf(" %u %u\n", (unsigned) m->text->scratch_bytes, (unsigned) TESTNET_TEXT_SCRATCH_BYTES);
}

/* Every family's calls on "a" (those of the other families refuse with PNET_ERR_INPUT_KIND). */
static void run_kinds(void) {
    const pnet_model *m = &testnet_model;
    printf("kinds %d %d %d %d %d\n", pnet_project_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, bits),
           pnet_project_features(m, keys, weights, 0, scratch, bits),
           pnet_encode_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, NULL),
           pnet_sketch_text(m, "a", 1, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch),
           pnet_sketch_features(m, keys, weights, 0, scratch));
}
#else
static int32_t int_check[TESTNET_SCRATCH_FLOATS];

/* Every family's dense calls on the last input (those of the other families refuse with PNET_ERR_INPUT_KIND). */
static void run_dense_kinds(void) {
    const pnet_model *m = &testnet_model;
    printf("kinds %d %d %d\n", pnet_project_dense(m, x, scratch, bits),
           pnet_project_pixels(m, (const uint8_t *) x, int_check, bits), pnet_project_patches(m, x, scratch, NULL));
}
#endif

/* Reads the n_in values of a dense line into x. */
static void read_dense(const char *p) {
    char *end;
    uint32_t i;
    for (i = 0; i < testnet_model.n_in; i++) {
        x[i] = strtof(p, &end);
        p = end;
    }
}

static int run_case(char *p) {
    const pnet_model *m = &testnet_model;
    char *end;
    int swap = 0;
    int status;
    uint32_t i;
    uint32_t count = 0;
    if (*p == '!') {
        swap = 1;
        p++;
    }
#ifdef TESTNET_FIXED
    if (*p == 'p') {
        read_hex(p + 1, pixels, TESTNET_N_IN);
        COST_BEGIN();
        status = pnet_project_pixels(m, pixels, int_scratch, bits);
        status = status < 0 ? status : pnet_forward_fixed(m, int_scratch, int_logits);
        COST_END();
        return status;
    }
#ifdef TESTNET_TEXT_SCRATCH_BYTES
    if (*p == 't') {
        size_t n = read_text(p + 1);
        COST_BEGIN();
        status = pnet_project_text_fixed(m, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, int_scratch, bits);
        status = status < 0 ? status : pnet_forward_fixed(m, int_scratch, int_logits);
        COST_END();
        return status;
    }
#endif
#endif
#ifdef TESTNET_MAX_TOKENS
    if (*p == 't') {
        size_t n = read_text(p + 1);
        COST_BEGIN();
        status = pnet_encode_text(m, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, token_bits);
        out_bits = token_bits;
        out_words = status < 0 ? 0u : (size_t) status * TESTNET_NUM_WORDS;
        status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
        COST_END();
        return status;
    }
#endif
#if defined(TESTNET_SKETCH_BUCKETS) && defined(TESTNET_TEXT_SCRATCH_BYTES)
    if (*p == 't') {
        size_t n = read_text(p + 1);
        COST_BEGIN();
        status = pnet_sketch_text(m, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch);
        status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
        COST_END();
        if (status >= 0) {
            pnet_sketch_text(m, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch);
            record_sketch();
        }
        return status;
    }
#endif
#ifdef TESTNET_TEXT_SCRATCH_BYTES
    if (*p == 't') {
        size_t n = read_text(p + 1);
        COST_BEGIN();
        status = pnet_project_text(m, text, n, TEXT, TESTNET_TEXT_SCRATCH_BYTES, scratch, bits);
        status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
        COST_END();
        return status;
    }
#endif
    if (swap) {
        status = m->input_kind == PNET_DENSE ? pnet_project_features(m, keys, weights, 0, scratch, bits)
                                             : pnet_project_dense(m, x, scratch, bits);
        return status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
    }
#ifdef TESTNET_PATCH_BITS_WORDS
    out_bits = patch_bits;
    out_words = TESTNET_PATCH_BITS_WORDS;
    if (*p == 'd') {
        read_dense(p + 1);
        status = pnet_predict_dense(m, x, scratch, probabilities);
        if (status >= 0) {
            pnet_project_patches(m, x, scratch, patch_bits);
            pnet_forward(m, scratch, logits, NULL);
        }
        return status;
    }
    read_dense(p);
    COST_BEGIN();
    status = pnet_project_patches(m, x, scratch, patch_bits);
    status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
    COST_END();
    return status;
#endif
    if (m->input_kind == PNET_DENSE) {
        read_dense(p);
    } else {
        count = (uint32_t) strtoul(p, &end, 10);
        p = end;
        if (count > MAX_FEATURES) {
            count = MAX_FEATURES;
        }
        for (i = 0; i < count; i++) {
            keys[i] = (uint64_t) strtoull(p, &end, 16);
            p = end;
            weights[i] = strtof(p, &end);
            p = end;
        }
    }
#ifdef TESTNET_SKETCH_BUCKETS
    COST_BEGIN();
    status = pnet_sketch_features(m, keys, weights, count, scratch);
    status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
    COST_END();
    if (status >= 0) {
        pnet_sketch_features(m, keys, weights, count, scratch);
        record_sketch();
    }
    return status;
#endif
    COST_BEGIN();
    status = m->input_kind == PNET_DENSE ? pnet_project_dense(m, x, scratch, bits)
                                         : pnet_project_features(m, keys, weights, count, scratch, bits);
#ifdef TESTNET_FIXED
    status = status < 0 ? status : pnet_encode_bits(m, bits, int_scratch);
    status = status < 0 ? status : pnet_forward_fixed(m, int_scratch, int_logits);
#else
    status = status < 0 ? status : pnet_forward(m, scratch, logits, probabilities);
#endif
    COST_END();
    return status;
}

/* The IEEE bits of v as 8 hex digits. */
static void print_float(float v) {
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    printf(" %08" PRIx32, u);
}

int main(void) {
    uint32_t j;
    printf("labels");
    for (j = 0; j < TESTNET_NUM_LABELS; j++) {
        printf("\t%s", testnet_model.labels[j]);
    }
    printf("\n");
    while (fgets(line, (int) sizeof line, stdin) != NULL) {
        int label;
#ifdef TESTNET_TEXT_SCRATCH_BYTES
        if (line[0] == 'b') {
            print_bag(line + 1);
            continue;
        }
        if (line[0] == 'x') {
            run_checks();
            continue;
        }
        if (line[0] == 'k') {
            run_kinds();
            continue;
        }
#else
        if (line[0] == 'k') {
            run_dense_kinds();
            continue;
        }
#endif
        label = run_case(line);
        if (label < 0) {
            printf("error %d\n", label);
            continue;
        }
        printf("ok");
        for (j = 0; j < out_words; j++) {
            printf(" %016" PRIx64, out_bits[j]);
        }
        printf(" | %d |", label);
#ifdef TESTNET_FIXED
        pnet_fixed_probabilities(&testnet_model, int_logits, probabilities);
        for (j = 0; j < TESTNET_NUM_LABELS; j++) {
            printf(" %08" PRIx32, (uint32_t) int_logits[j]);
        }
#else
        for (j = 0; j < TESTNET_NUM_LABELS; j++) {
            print_float(logits[j]);
        }
#endif
        printf(" |");
        for (j = 0; j < TESTNET_NUM_LABELS; j++) {
            print_float(probabilities[j]);
        }
#ifdef PNET_DRIVER_COST
        printf(" | cost %" PRIu32 " %" PRIu32, cost_instructions, cost_stack);
#endif
        printf("\n");
    }
    return 0;
}
