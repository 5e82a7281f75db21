/**
 * Examples of neural projection networks on bundled and user data, and the {@code projectionnet}
 * command line.
 *
 * <p>{@link io.github.dl4jprojection.data} reads image data sets (MNIST-format IDX files,
 * CSV) into memory and iterates them for DL4J; {@link io.github.dl4jprojection.examples.cli} is the
 * command line; {@link io.github.dl4jprojection.pipeline} holds the seams between the
 * command line and the training, export and runtime code.
 */
package io.github.dl4jprojection.examples;
