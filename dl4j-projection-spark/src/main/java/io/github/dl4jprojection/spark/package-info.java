/**
 * Joint projection training on Apache Spark with dl4j-spark: the graph of
 * {@link io.github.dl4jprojection.layers.joint.JointProjectionModel} (trainer, projection layers, distillation loss)
 * trained through {@code SparkComputationGraph} with parameter averaging or gradient sharing. docs/DISTRIBUTED.md.
 */
package io.github.dl4jprojection.spark;
