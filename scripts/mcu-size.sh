#!/usr/bin/env bash
# Flash, RAM and instructions per prediction of the emitted C on a Cortex-M4 (docs/EMBEDDED.md).
#
# 1. Runs CortexM4ParityTest with -Dpnet.mcu.out=DIR, which exports the example-shaped image and text models,
#    a sequence model of the --model seq defaults' shape (seq), a sketch model of 1,024 buckets (sketch), a patch model of the
#    --model patch defaults' shape (patch) and a small model with hidden layers, and FixedPointParityTest the same image and text shapes integer-only
#    (image-fixed, text-fixed: hard and soft float only), builds them with the test driver for the Cortex-M4 with hard and
#    soft float and the small-flash options (hard float, no tanh/sigmoid, expf), runs them in QEMU (mps2-an386, -icount shift=0) and keeps everything in DIR/<model>-<abi>/.
# 2. Per image and text model and float ABI, builds a minimal firmware that only predicts (image:
#    pnet_predict_dense, also for patch; text, seq and sketch: pnet_predict_text; integer-only: pnet_predict_pixels, pnet_predict_text_fixed, which
#    compute the label without probabilities) from three objects, the runtime (pnet_runtime.c), the model
#    data (the model header) and the start-up code of the harness, with -Os -ffunction-sections -fdata-sections
#    and --gc-sections; and the same firmware with an empty main. From the link maps it reports the flash
#    (text + rodata + data initializers) kept from each object, the library code (libm, libc, libgcc) the
#    runtime pulls in (the difference to the empty firmware), the RAM of the runtime (its .data/.bss: none), the
#    scratch arrays and the stack high-water mark, and the instructions per prediction QEMU counted in step 1.
#
#   scripts/mcu-size.sh [DIR]     default DIR: dl4j-projection-layers/target/mcu
# Environment: MVN_FLAGS (e.g. -o), SKIP_TEST=1 reuses DIR from an earlier run, MODELS="patch image" reports only those
# models (default: all; with SKIP_TEST=1, DIR needs only theirs), IMAGE_MODEL=FILE.pnet measures that
# trained 28x28 image model (checked against the Java runtime on the 128 committed Fashion-MNIST test images and 32
# random inputs) instead of the random-weight one of the example's shape.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(realpath -m "${1:-dl4j-projection-layers/target/mcu}")"
for tool in arm-none-eabi-gcc arm-none-eabi-size qemu-system-arm; do
    command -v "$tool" >/dev/null || {
        echo "mcu-size.sh: $tool is missing: apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm" >&2
        exit 1
    }
done
if [ "${SKIP_TEST:-0}" != 1 ]; then
    rm -rf "$out"
    # shellcheck disable=SC2086
    OMP_NUM_THREADS=1 mvn -B -q ${MVN_FLAGS:-} test -pl dl4j-projection-layers -am \
        -Dtest='CortexM4ParityTest,FixedPointParityTest' -Dsurefire.failIfNoSpecifiedTests=false -Dpnet.mcu.out="$out" \
        ${IMAGE_MODEL:+-Dpnet.mcu.image-model="$(realpath "$IMAGE_MODEL")"}
fi

# The flags of CDriver.Target.mcuFlags(): the parity tests' flags with -Os, Cortex-M4, one section per symbol.
common=(-std=c99 -pedantic -Wall -Wextra -Werror -Os -mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections)

# Sums the sizes of the input sections kept in the flash (.text, .ARM.exidx, .data: its initializers are stored
# in flash) and in RAM (.data, .bss) per input file of a GNU ld map; prints "file flash ram" lines.
per_object() {
    awk '
        function hex(s,   i, v) {
            v = 0; s = tolower(s); sub(/^0x/, "", s)
            for (i = 1; i <= length(s); i++) { v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1 }
            return v
        }
        function record(size, file) {
            sub(/.*\//, "", file); sub(/\(.*/, "", file)            # .../libm.a(lib_a-s_exp.o) -> libm.a
            if (out == ".text" || out == ".ARM.exidx") { flash[file] += hex(size) }
            else if (out == ".data") { flash[file] += hex(size); ram[file] += hex(size) }
            else if (out == ".bss") { ram[file] += hex(size) }
            seen[file] = 1
        }
        /^Linker script and memory map/ { on = 1; next }
        !on { next }
        /^\.[^ ]/ { out = $1; pending = 0; next }                 # an output section
        /^ [^ ]/ {                                               # an input section: name [address size file]
            pending = 0
            if (NF >= 4 && $2 ~ /^0x/ && $3 ~ /^0x/) { record($3, $4) }
            else if (NF == 1) { pending = 1 }                    # a long name: address size file on the next line
            next
        }
        pending && NF >= 3 && $1 ~ /^0x/ && $2 ~ /^0x/ { record($2, $3) }
        { pending = 0 }
        END { for (name in seen) printf "%s %d %d\n", name, flash[name], ram[name] }
    ' "$1"
}

# The value of a "file flash ram" column for the files matching a pattern.
sum_of() {
    awk -v pattern="$2" -v column="$3" '$1 ~ pattern { s += $column } END { print s + 0 }' "$1"
}

macro() {
    sed -n "s/^#define TESTNET_$2 \([0-9]*\)u$/\1/p" "$1/pnet_model_testnet.h"
}

printf '%-10s %-5s | %-8s %-8s %-8s %-8s | %-8s %-10s %-6s | %-12s %-12s\n' model float runtime libs \
    "runtime+" model scratch "text" stack "instructions" "(max)"
printf '%-10s %-5s | %-8s %-8s %-8s %-8s | %-8s %-10s %-6s | %-12s %-12s\n' "" "" "code" "pulled" libs data \
    "floats" scratch "bytes" "mean" ""
for model in ${MODELS:-image text seq sketch patch image-fixed text-fixed}; do
    abis="hard soft small"
    case "$model" in *-fixed) abis="hard soft" ;; esac
    for abi in $abis; do
        dir="$out/$model-$abi"
        [ -f "$dir/pnet_model_testnet.h" ] || { echo "mcu-size.sh: $dir/pnet_model_testnet.h is missing; run without SKIP_TEST=1" >&2; exit 1; }
        work="$dir/size"
        mkdir -p "$work"
        flags=("${common[@]}")
        case "$abi" in
            hard) flags+=(-mfloat-abi=hard -mfpu=fpv4-sp-d16) ;;
            soft) flags+=(-mfloat-abi=soft) ;;
            # The small-flash options of pnet_runtime.h (CDriver.Target.CORTEX_M4_SMALL_FLASH): no libm doubles.
            small) flags+=(-mfloat-abi=hard -mfpu=fpv4-sp-d16 -DPNET_NO_TANH -DPNET_NO_SIGMOID -DPNET_FLOAT_EXP) ;;
        esac
        cat >"$work/model.c" <<'EOF'
#include "pnet_model_testnet.h"
const pnet_model *const example_model = &testnet_model;
EOF
        # The firmware's prediction: its buffers and the call.
        case "$model" in
            image | patch) buffers='static float scratch[TESTNET_SCRATCH_FLOATS];\nstatic float x[TESTNET_N_IN];\nstatic float p[TESTNET_NUM_LABELS];'
                call='pnet_predict_dense(example_model, x, scratch, p)' ;;
            text | seq | sketch) buffers='static float scratch[TESTNET_SCRATCH_FLOATS];\nstatic uint64_t text_scratch[TESTNET_TEXT_SCRATCH_BYTES / 8];\nstatic float p[TESTNET_NUM_LABELS];'
                call='pnet_predict_text(example_model, "Hello", 5, text_scratch, sizeof text_scratch, scratch, p)' ;;
            image-fixed) buffers='static int32_t scratch[TESTNET_SCRATCH_INTS];\nstatic uint8_t pixels[TESTNET_N_IN];'
                call='pnet_predict_pixels(example_model, pixels, scratch, NULL)' ;;
            text-fixed) buffers='static int32_t scratch[TESTNET_SCRATCH_INTS];\nstatic uint64_t text_scratch[TESTNET_TEXT_SCRATCH_BYTES / 8];'
                call='pnet_predict_text_fixed(example_model, "Hello", 5, text_scratch, sizeof text_scratch, scratch, NULL)' ;;
        esac
        printf '#include "pnet_runtime.h"\n#include "pnet_model_testnet.h"\nextern const pnet_model *const example_model;\n%b\nvolatile int label;\nint main(void) {\n    label = %s;\n    return 0;\n}\n' \
            "$buffers" "$call" >"$work/app.c"
        printf 'int main(void);\nint main(void) {\n    return 0;\n}\n' >"$work/empty.c"
        arm-none-eabi-gcc "${flags[@]}" -I"$dir" -c -o "$work/pnet_runtime.o" "$dir/pnet_runtime.c"
        arm-none-eabi-gcc "${flags[@]}" -I"$dir" -c -o "$work/model.o" "$work/model.c"
        arm-none-eabi-gcc "${flags[@]}" -I"$dir" -c -o "$work/app.o" "$work/app.c"
        arm-none-eabi-gcc "${flags[@]}" -c -o "$work/empty.o" "$work/empty.c"
        arm-none-eabi-gcc "${flags[@]}" -c -o "$work/startup.o" "$dir/pnet_mcu_startup.c"
        link=(-nostartfiles -T "$dir/pnet_mcu_mps2_an386.ld" -Wl,--gc-sections)
        arm-none-eabi-gcc "${flags[@]}" "${link[@]}" -Wl,-Map="$work/app.map" -o "$work/app.elf" \
            "$work/app.o" "$work/model.o" "$work/pnet_runtime.o" "$work/startup.o" -lm
        arm-none-eabi-gcc "${flags[@]}" "${link[@]}" -Wl,-Map="$work/empty.map" -o "$work/empty.elf" \
            "$work/empty.o" "$work/startup.o" -lm
        per_object "$work/app.map" | sort >"$work/app.sizes"
        per_object "$work/empty.map" | sort >"$work/empty.sizes"
        runtime=$(sum_of "$work/app.sizes" '^pnet_runtime\.o$' 2)
        runtime_ram=$(sum_of "$work/app.sizes" '^pnet_runtime\.o$' 3)
        data=$(sum_of "$work/app.sizes" '^model\.o$' 2)
        libs=$(( $(sum_of "$work/app.sizes" '^lib' 2) - $(sum_of "$work/empty.sizes" '^lib' 2) ))
        scratch=$(( $(macro "$dir" SCRATCH_FLOATS) * 4 ))
        text_scratch=$(macro "$dir" TEXT_SCRATCH_BYTES)
        text_scratch=${text_scratch:-0}
        # Cost of every prediction in the parity run: "... | cost <instructions> <stack bytes>".
        read -r mean max stack count < <(awk '/\| cost / {
                n++; i = $(NF - 1); s += i; if (i > mx) mx = i; if ($NF > st) st = $NF }
            END { if (n) printf "%d %d %d %d\n", s / n, mx, st, n; else print "0 0 0 0" }' "$dir/output.txt")
        [ "$runtime_ram" = 0 ] || echo "mcu-size.sh: pnet_runtime.o has $runtime_ram bytes of .data/.bss" >&2
        printf '%-10s %-5s | %-8s %-8s %-8s %-8s | %-8s %-10s %-6s | %-12s %-12s\n' "$model" "$abi" "$runtime" \
            "$libs" "$((runtime + libs))" "$data" "$scratch" "$text_scratch" "$stack" "$mean" "$max"
        {
            echo "# $model model, $abi float: $count predictions in QEMU"
            echo "# flash bytes per object (app.map), then the same for the empty firmware"
            cat "$work/app.sizes"
            echo "# empty"
            cat "$work/empty.sizes"
            echo "# arm-none-eabi-size"
            arm-none-eabi-size -A "$work/pnet_runtime.o" "$work/model.o" | grep -v '^\.\(comment\|ARM\.attributes\)'
        } >"$work/report.txt"
    done
done
echo "bytes; runtime code = pnet_runtime.o kept after --gc-sections; libs pulled = libm/libc/libgcc code the runtime"
echo "adds to an empty firmware; scratch floats = <NAME>_SCRATCH_FLOATS * 4; stack = high-water mark of a prediction;"
echo "instructions = QEMU's count per prediction (-icount shift=0, SysTick, +-40), not cycles. Details: $out/*/size/report.txt"
