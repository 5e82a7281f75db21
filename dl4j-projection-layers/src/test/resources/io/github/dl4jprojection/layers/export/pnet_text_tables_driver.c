/*
 * Test driver for the C text tables: compiles the runtime into itself to reach its static lookups and
 * prints, for the emitted testnet model, every code point (no surrogates) whose class or case folding
 * differs from the previous code point's, as "<cp hex> <class> <folded hex>". The Java test prints the
 * same from TextTables, so the two agree on all of 0..10FFFF.
 */
#include <stdio.h>

#include "pnet_runtime.c"
#include "pnet_model_testnet.h"

int main(void) {
    const pnet_text_config *t = testnet_model.text;
    uint32_t cp;
    uint32_t last_class = 99u;
    uint32_t last_delta = 0u;
    for (cp = 0; cp <= 0x10FFFFu; cp++) {
        uint32_t c;
        uint32_t delta;
        if (cp >= 0xD800u && cp <= 0xDFFFu) {
            continue;
        }
        c = pnet_char_class(t, cp);
        delta = pnet_fold(t, cp) - cp;
        if (c != last_class || delta != last_delta) {
            printf("%x %u %x\n", (unsigned) cp, (unsigned) c, (unsigned) pnet_fold(t, cp));
            last_class = c;
            last_delta = delta;
        }
    }
    return 0;
}
