/**
 * JMH benchmarks (built only with {@code -Pbenchmarks}, never shipped): the Java runtime's
 * {@code Predictor.predict} on images (float32 and int8 weights, over projection density and size),
 * the same projection network as a DL4J {@code ComputationGraph}, and {@code TextPredictor.predict}
 * on a 2 KB message. Run them with {@code scripts/bench.sh}; results are in docs/BENCHMARKS.md.
 *
 * <p>Models have random weights from a fixed seed: speed does not depend on the weight values, and
 * building them in the setup keeps the benchmarks independent of a training run.
 */
package io.github.dl4jprojection.benchmarks;
