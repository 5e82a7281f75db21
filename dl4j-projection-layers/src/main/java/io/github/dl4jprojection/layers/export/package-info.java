/**
 * Exporting a trained projection network for devices: to the ND4J-free {@code .pnet} model of
 * {@link io.github.dl4jprojection.runtime.model.ProjectionModel}, and from there to C99 source
 * ({@link io.github.dl4jprojection.layers.export.CExporter}) that computes the same bits, labels and
 * probabilities as the Java runtime.
 */
package io.github.dl4jprojection.layers.export;
