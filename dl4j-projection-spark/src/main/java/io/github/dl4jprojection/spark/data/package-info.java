/**
 * Training data for the Spark path, read from Hadoop-compatible paths: labelled text lines featurized on the
 * workers with the runtime's {@code TextProjection}, IDX/CSV images, and errors that name the file and line.
 */
package io.github.dl4jprojection.spark.data;
