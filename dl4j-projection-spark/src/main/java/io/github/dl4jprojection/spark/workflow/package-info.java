/**
 * The command line's Spark training runs: read the data from Hadoop paths, train the examples module's joint
 * models through {@code SparkJointTrainer}, evaluate, export the projection network and check the export with the
 * runtime, as the single-machine workflows do.
 */
package io.github.dl4jprojection.spark.workflow;
