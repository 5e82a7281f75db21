/*
 * Prints every label of the exported testnet model as the hex digits of its bytes, one label per
 * line, so a test can compare them with the Java labels' UTF-8 bytes whatever bytes they hold.
 */
#include <stdio.h>

#include "pnet_model_testnet.h"

int main(void) {
    uint32_t j;
    for (j = 0; j < TESTNET_NUM_LABELS; j++) {
        const unsigned char *s = (const unsigned char *) testnet_model.labels[j];
        printf("label");
        while (*s != 0) {
            printf(" %02x", *s++);
        }
        printf("\n");
    }
    return 0;
}
