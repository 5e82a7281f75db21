#!/usr/bin/env bash
# Builds the JMH benchmarks (Maven profile -Pbenchmarks; the normal build never builds them) and runs
# them with short settings, writing JMH's JSON and its text report to bench-results/ (ignored by git):
#   scripts/bench.sh [JMH ARGS...]       e.g. scripts/bench.sh ImagePredict -p bits=1024
# Extra arguments go to JMH after the defaults: a benchmark regex, -p name=value, ...
# Environment: JMH_OPTS replaces the default settings below; MVN_FLAGS adds Maven flags (e.g. -o);
# RESULTS_DIR changes the output folder. Timings are only comparable on an otherwise idle machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jmh_opts="${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}"
results="${RESULTS_DIR:-$root/bench-results}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

# -am builds the runtime and layers modules it depends on inside this reactor; nothing is installed.
if [ "${SKIP_MVN:-0}" != 1 ]; then   # SKIP_MVN=1: reuse the jar a caller has just built
    # shellcheck disable=SC2086
    mvn -B -q ${MVN_FLAGS:-} -Pbenchmarks package -DskipTests -pl dl4j-projection-benchmarks -am
fi

mkdir -p "$results"
echo "JMH settings: $jmh_opts $*" | tee "$results/jmh-$stamp.txt"
# shellcheck disable=SC2086
java -jar dl4j-projection-benchmarks/target/benchmarks.jar $jmh_opts \
    -rf json -rff "$results/jmh-$stamp.json" "$@" | tee -a "$results/jmh-$stamp.txt"
echo "JSON: $results/jmh-$stamp.json"
