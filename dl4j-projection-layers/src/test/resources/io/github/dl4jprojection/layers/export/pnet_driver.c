/*
 * Test driver for the emitted C: reads one case per line from stdin, prints one result per line.
 *   dense model:    x_0 x_1 ... x_(n-1)                        (strtof syntax; tests send hex floats)
 *   feature model:  count key_0 weight_0 ... key_(c-1) weight_(c-1)   (keys in hex)
 *   a line starting with '!' calls the function of the other input kind (to test PNET_ERR_INPUT_KIND)
 * The first output line is "labels" and the label names, tab-separated. Then, per case:
 *   ok <hex bit words> | <label> | <logits %a> | <probabilities %a>      or      error <code>
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "testnet.h"

#define MAX_FEATURES 4096

static char line[1 << 20];
static float scratch[TESTNET_SCRATCH_FLOATS];
static float x[TESTNET_N_IN + 1];
static uint64_t keys[MAX_FEATURES];
static float weights[MAX_FEATURES];
static uint64_t bits[TESTNET_NUM_WORDS];
static float logits[TESTNET_NUM_LABELS];
static float probabilities[TESTNET_NUM_LABELS];

static int run_case(char *p) {
    const pnet_model *m = &testnet_model;
    char *end;
    int swap = 0;
    int status;
    uint32_t i;
    if (*p == '!') {
        swap = 1;
        p++;
    }
    if (swap) {
        status = m->input_kind == PNET_DENSE ? pnet_project_features(m, keys, weights, 0, scratch, bits)
                                             : pnet_project_dense(m, x, scratch, bits);
    } else if (m->input_kind == PNET_DENSE) {
        for (i = 0; i < m->n_in; i++) {
            x[i] = strtof(p, &end);
            p = end;
        }
        status = pnet_project_dense(m, x, scratch, bits);
    } else {
        uint32_t count = (uint32_t) strtoul(p, &end, 10);
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
        status = pnet_project_features(m, keys, weights, count, scratch, bits);
    }
    if (status < 0) {
        return status;
    }
    return pnet_forward(m, scratch, logits, probabilities);
}

int main(void) {
    uint32_t j;
    printf("labels");
    for (j = 0; j < TESTNET_NUM_LABELS; j++) {
        printf("\t%s", testnet_model.labels[j]);
    }
    printf("\n");
    while (fgets(line, (int) sizeof line, stdin) != NULL) {
        int label = run_case(line);
        if (label < 0) {
            printf("error %d\n", label);
            continue;
        }
        printf("ok");
        for (j = 0; j < TESTNET_NUM_WORDS; j++) {
            printf(" %016" PRIx64, bits[j]);
        }
        printf(" | %d |", label);
        for (j = 0; j < TESTNET_NUM_LABELS; j++) {
            printf(" %a", (double) logits[j]);
        }
        printf(" |");
        for (j = 0; j < TESTNET_NUM_LABELS; j++) {
            printf(" %a", (double) probabilities[j]);
        }
        printf("\n");
    }
    return 0;
}
