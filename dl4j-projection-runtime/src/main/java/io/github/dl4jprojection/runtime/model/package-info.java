/**
 * The exported projection network and its file format, with no dependency outside the JDK: the
 * runtime's API.
 *
 * <p>{@link io.github.dl4jprojection.runtime.model.ProjectionModel} is an immutable model: the LSH
 * projection configuration, the input description, for a sequence model its token encoder
 * ({@link io.github.dl4jprojection.runtime.model.SequenceEncoder}: bottleneck, convolution, max pooling), for a
 * patch model its image encoder ({@link io.github.dl4jprojection.runtime.model.PatchEncoder}: the bits of every
 * patch, then {@link io.github.dl4jprojection.runtime.model.ConvStage}s of convolution and max pooling),
 * dense layers ({@link io.github.dl4jprojection.runtime.model.DenseBlock}, float32 or int8), label names and
 * provenance. {@link io.github.dl4jprojection.runtime.model.ModelWriter} and
 * {@code ProjectionModel.load} write and read the versioned, checksummed {@code .pnet} format
 * specified in {@code docs/FORMAT.md}; a file that breaks a rule is rejected with a
 * {@link io.github.dl4jprojection.runtime.model.ModelFormatException} that says which.
 * {@link io.github.dl4jprojection.runtime.model.Predictor} runs a model without allocating.
 * {@link io.github.dl4jprojection.runtime.model.Int8Calibrator} turns a float model and some training inputs into
 * an integer-only one (INT8_FIXED layers, format version 3), which the Predictor runs with integers only
 * ({@code FixedKernels}), as the emitted C does.
 *
 * <p>Inside (package-private): the reader checks the header, the same for every version, and
 * hands the content to the {@code FormatCodec} that {@code FormatVersions} registers for the
 * header's version ({@code FormatV1}: docs/FORMAT.md section 3; {@code FormatV2}: section 10, the model
 * family and the SEQUENCE section; {@code FormatV3}: section 11, the INT8_FIXED layers; {@code FormatV4}: section
 * 12, the SKETCH family; {@code FormatV5}: section 13, the PATCH family); the writer frames what the newest
 * codec writes. Packages under {@code runtime.internal} hold the helpers a device user never
 * calls and are not API.
 */
package io.github.dl4jprojection.runtime.model;
