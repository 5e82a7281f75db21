/**
 * {@code projectionnet train ... --spark MASTER}: the command line's Spark entry point, the main class of this
 * module's shaded jar (run by {@code ./projectionnet} when {@code --spark} is given, or by {@code spark-submit}).
 */
package io.github.dl4jprojection.spark.cli;
