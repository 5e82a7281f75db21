/*
 * Latency of the emitted C runtime on the model and images that CBenchmarkExport wrote next to it
 * (scripts/bench-c.sh builds and runs it). Checks first that every label equals the Java runtime's,
 * then times ROUNDS rounds of predicting all images (pnet_project_dense + pnet_forward, logits and
 * probabilities not requested, as Java's Predictor.predict) and prints ns per example: the median
 * and the minimum over rounds. Not shipped.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pnet_model_benchnet.h"

#define IMAGES 128
#define ROUNDS 201

static float images[IMAGES][BENCHNET_N_IN];
static float scratch[BENCHNET_SCRATCH_FLOATS];
static double per_example[ROUNDS];

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

static int predict(const float *x) {
    int status = pnet_project_dense(&benchnet_model, x, scratch, NULL);
    return status < 0 ? status : pnet_forward(&benchnet_model, scratch, NULL, NULL);
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
    char path[4096];

    snprintf(path, sizeof path, "%s/images.f32", dir);
    f = fopen(path, "rb");
    if (f == NULL || fread(images, sizeof images, 1, f) != 1) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/labels.txt", dir);
    f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    for (i = 0; i < IMAGES; i++) {
        int java;
        int c = predict(images[i]);
        if (fscanf(f, "%d", &java) != 1 || java != c) {
            fprintf(stderr, "image %d: C label %d differs from the Java runtime's\n", i, c);
            return 1;
        }
    }
    fclose(f);
    /* Enough repetitions per round for about a millisecond, whatever the model size. */
    repeat = 1;
    for (;;) {
        double t0 = now_ns();
        for (r = 0; r < repeat; r++) {
            for (i = 0; i < IMAGES; i++) {
                sink += predict(images[i]);
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
            for (i = 0; i < IMAGES; i++) {
                sink += predict(images[i]);
            }
        }
        per_example[r] = (now_ns() - t0) / ((double) repeat * IMAGES);
    }
    qsort(per_example, ROUNDS, sizeof per_example[0], by_value);
    printf("labels agree with Java: %d/%d; ns/example: median %.1f, min %.1f, p90 %.1f (%d rounds of %d examples)\n",
           IMAGES, IMAGES, per_example[ROUNDS / 2], per_example[0], per_example[ROUNDS * 9 / 10], ROUNDS,
           repeat * IMAGES);
    return sink == 12345 ? 2 : 0;
}
