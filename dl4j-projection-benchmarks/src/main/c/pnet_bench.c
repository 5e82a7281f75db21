/*
 * Latency of the emitted C runtime on the model and images that CBenchmarkExport wrote next to it
 * (scripts/bench-c.sh builds and runs it). Checks first that every label equals the Java runtime's,
 * then times ROUNDS rounds of predicting all images (pnet_project_dense + pnet_forward, logits and
 * probabilities not requested, as Java's Predictor.predict) and prints ns per example: the median
 * and the minimum over rounds. For a text model (CBenchmarkExport DIR seq SIZE, or DIR sketch B WEIGHTS) the one
 * example is the UTF-8 text of text.txt, through pnet_predict_text (as Java's TextPredictor.predict). Not shipped.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pnet_model_benchnet.h"

#define ROUNDS 201

static float scratch[BENCHNET_SCRATCH_FLOATS];
static double per_example[ROUNDS];
static char path[4096];

#ifdef BENCHNET_TEXT_SCRATCH_BYTES
#define EXAMPLES 1
#define MAX_TEXT (1 << 20)
static uint64_t text_scratch[BENCHNET_TEXT_SCRATCH_BYTES / 8];
static char text[MAX_TEXT];
static size_t text_length;

static int predict(int i) {
    (void) i;
    return pnet_predict_text(&benchnet_model, text, text_length, text_scratch, sizeof text_scratch, scratch, NULL);
}

static int load(const char *dir) {
    FILE *f;
    snprintf(path, sizeof path, "%s/text.txt", dir);
    f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    text_length = fread(text, 1, MAX_TEXT, f);
    fclose(f);
    return 1;
}
#else
#define EXAMPLES 128
static float images[EXAMPLES][BENCHNET_N_IN];

static int predict(int i) {
    int status = pnet_project_dense(&benchnet_model, images[i], scratch, NULL);
    return status < 0 ? status : pnet_forward(&benchnet_model, scratch, NULL, NULL);
}

static int load(const char *dir) {
    FILE *f;
    int ok;
    snprintf(path, sizeof path, "%s/images.f32", dir);
    f = fopen(path, "rb");
    if (f == NULL) {
        return 0;
    }
    ok = fread(images, sizeof images, 1, f) == 1;
    fclose(f);
    return ok;
}
#endif

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    FILE *f;
    int i;
    int r;
    int repeat;
    volatile int sink = 0;
    const char *dir = argc > 1 ? argv[1] : ".";

    if (!load(dir)) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    snprintf(path, sizeof path, "%s/labels.txt", dir);
    f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    for (i = 0; i < EXAMPLES; i++) {
        int java;
        int c = predict(i);
        if (fscanf(f, "%d", &java) != 1 || java != c) {
            fprintf(stderr, "example %d: C label %d differs from the Java runtime's\n", i, c);
            return 1;
        }
    }
    fclose(f);
    /* Enough repetitions per round for about a millisecond, whatever the model size. */
    repeat = 1;
    for (;;) {
        double t0 = now_ns();
        for (r = 0; r < repeat; r++) {
            for (i = 0; i < EXAMPLES; i++) {
                sink += predict(i);
            }
        }
        if (now_ns() - t0 > 1e6 || repeat >= 1 << 20) {
            break;
        }
        repeat *= 2;
    }
    for (r = 0; r < ROUNDS; r++) {
        int k;
        double t0 = now_ns();
        for (k = 0; k < repeat; k++) {
            for (i = 0; i < EXAMPLES; i++) {
                sink += predict(i);
            }
        }
        per_example[r] = (now_ns() - t0) / ((double) repeat * EXAMPLES);
    }
    qsort(per_example, ROUNDS, sizeof per_example[0], by_value);
    printf("labels agree with Java: %d/%d; ns/example: median %.1f, min %.1f, p90 %.1f (%d rounds of %d examples)\n",
           EXAMPLES, EXAMPLES, per_example[ROUNDS / 2], per_example[0], per_example[ROUNDS * 9 / 10], ROUNDS,
           repeat * EXAMPLES);
    return sink == 12345 ? 2 : 0;
}
