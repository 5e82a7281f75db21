/**
 * The exported projection network and its file format, with no dependency outside the JDK.
 *
 * <p>{@link io.github.dl4jprojection.runtime.model.ProjectionModel} is an immutable model: the LSH
 * projection configuration, the input description, dense layers
 * ({@link io.github.dl4jprojection.runtime.model.DenseBlock}, float32 or int8), label names and
 * provenance. {@link io.github.dl4jprojection.runtime.model.ModelWriter} and
 * {@code ProjectionModel.load} write and read the versioned, checksummed {@code .pnet} format
 * specified in {@code docs/FORMAT.md}; a file that breaks a rule is rejected with a
 * {@link io.github.dl4jprojection.runtime.model.ModelFormatException} that says which.
 * {@link io.github.dl4jprojection.runtime.model.Predictor} runs a model without allocating.
 */
package io.github.dl4jprojection.runtime.model;
