#!/usr/bin/env bash
# The emitted C runtime against the Java runtime on the same image models and the same 128 Fashion-MNIST
# images (docs/BENCHMARKS.md, "C"). For each configuration BITS:DENSITY:WEIGHTS it exports the model of
# ImagePredictBenchmark as C (CBenchmarkExport), compiles dl4j-projection-benchmarks/src/main/c/pnet_bench.c
# with it using gcc -std=c99 -O2 (the parity tests' flags), checks the labels against Java and prints
# ns/example. Then it runs ImagePredictBenchmark on the same configurations with JMH for the Java figure.
#   scripts/bench-c.sh [BITS:DENSITY:WEIGHTS[:columns] ...]     default: 256:0.0625:FLOAT32 1024:0.25:FLOAT32
# (":columns" exports the C with precomputed projection columns, export-c --precompute-columns; JMH runs once
# per BITS:DENSITY:WEIGHTS). A configuration seq:S, seq:M or seq:L times the sequence model of
# SequencePredictBenchmark of that size on its 2 KB message (pnet_predict_text), and JMH that benchmark; sketch:B or
# sketch:B:WEIGHTS (FLOAT32, the default, or INT8) the sketch model of SketchPredictBenchmark with B buckets on the
# same message, and JMH that benchmark (e.g. scripts/bench-c.sh sketch:4096 sketch:16384).
# Environment: MVN_FLAGS (e.g. -o), SKIP_BUILD=1 reuses the benchmarks jar, SKIP_JMH=1 skips the Java run,
# CC (default gcc), RESULTS_DIR (default bench-results/).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
    configs=(256:0.0625:FLOAT32 1024:0.25:FLOAT32)
fi
results="${RESULTS_DIR:-$root/bench-results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
jar=dl4j-projection-benchmarks/target/benchmarks.jar
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # shellcheck disable=SC2086
    mvn -B -q ${MVN_FLAGS:-} -Pbenchmarks package -DskipTests -pl dl4j-projection-benchmarks -am
fi
mkdir -p "$results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report="$results/c-$stamp.txt"
bits_list=()
density_list=()
weights_list=()
seq_list=()
sketch_list=()
sketch_weights_list=()
for config in "${configs[@]}"; do
    IFS=: read -r bits density weights columns <<<"$config"
    dir="$work/$bits-$density-$weights${columns:+-$columns}"
    if [ "$bits" = seq ]; then
        java -cp "$jar" io.github.dl4jprojection.benchmarks.CBenchmarkExport "$dir" seq "$density"
        "${CC:-gcc}" -std=c99 -pedantic -Wall -Wextra -Werror -O2 -o "$dir/pnet_bench" \
            dl4j-projection-benchmarks/src/main/c/pnet_bench.c "$dir/pnet_runtime.c" -I"$dir" -lm
        echo "C -O2 sequence model size=$density, 2 KB text: $("$dir/pnet_bench" "$dir")" | tee -a "$report"
        seq_list+=("$density")
        continue
    fi
    if [ "$bits" = sketch ]; then
        weights="${weights:-FLOAT32}"
        java -cp "$jar" io.github.dl4jprojection.benchmarks.CBenchmarkExport "$dir" sketch "$density" "$weights"
        "${CC:-gcc}" -std=c99 -pedantic -Wall -Wextra -Werror -O2 -o "$dir/pnet_bench" \
            dl4j-projection-benchmarks/src/main/c/pnet_bench.c "$dir/pnet_runtime.c" -I"$dir" -lm
        echo "C -O2 sketch model B=$density weights=$weights, 2 KB text: $("$dir/pnet_bench" "$dir")" | tee -a "$report"
        sketch_list+=("$density"); sketch_weights_list+=("$weights")
        continue
    fi
    # shellcheck disable=SC2086
    java -cp "$jar" io.github.dl4jprojection.benchmarks.CBenchmarkExport "$dir" "$bits" "$density" "$weights" $columns
    "${CC:-gcc}" -std=c99 -pedantic -Wall -Wextra -Werror -O2 -o "$dir/pnet_bench" \
        dl4j-projection-benchmarks/src/main/c/pnet_bench.c "$dir/pnet_runtime.c" -I"$dir" -lm
    echo "C -O2 bits=$bits density=$density weights=$weights${columns:+ $columns}: $("$dir/pnet_bench" "$dir")" \
        | tee -a "$report"
    if [ -z "$columns" ]; then
        bits_list+=("$bits"); density_list+=("$density"); weights_list+=("$weights")
    fi
done
join() { printf '%s\n' "$@" | sort -u | paste -sd, -; }
if [ "${SKIP_JMH:-0}" != 1 ] && [ ${#seq_list[@]} -gt 0 ]; then
    JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}" SKIP_MVN=1 RESULTS_DIR="$results" \
        "$root/scripts/bench.sh" SequencePredictBenchmark -p size="$(join "${seq_list[@]}")" | tee -a "$report"
fi
if [ "${SKIP_JMH:-0}" != 1 ] && [ ${#sketch_list[@]} -gt 0 ]; then
    JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}" SKIP_MVN=1 RESULTS_DIR="$results" \
        "$root/scripts/bench.sh" SketchPredictBenchmark -p buckets="$(join "${sketch_list[@]}")" \
        -p weights="$(join "${sketch_weights_list[@]}")" | tee -a "$report"
fi
if [ "${SKIP_JMH:-0}" != 1 ] && [ ${#bits_list[@]} -gt 0 ]; then
    # One value of each parameter once: JMH runs every combination of the lists, repeated values included.
    JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}" SKIP_MVN=1 RESULTS_DIR="$results" \
        "$root/scripts/bench.sh" ImagePredictBenchmark -p bits="$(join "${bits_list[@]}")" \
        -p density="$(join "${density_list[@]}")" -p weights="$(join "${weights_list[@]}")" | tee -a "$report"
fi
echo "Report: $report"
