/**
 * <b>Not API: may change in any release.</b> Hash functions specified byte for byte, shared by
 * training (DL4J), the Java runtime and the emitted C: {@code XxHash64} for bytes and feature keys,
 * {@code SplitMix64} for the random streams that define projection entries (docs/FORMAT.md section
 * 5.1). Public only so that the library's own modules (layers, data, pipeline) compute the same
 * hashes; a device user goes through {@link io.github.dl4jprojection.runtime.model.ProjectionModel}.
 */
package io.github.dl4jprojection.runtime.internal.hash;
