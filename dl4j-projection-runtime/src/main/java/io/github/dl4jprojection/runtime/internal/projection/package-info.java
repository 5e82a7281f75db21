/**
 * <b>Not API: may change in any release.</b> The single reference implementation of the LSH
 * projection, {@code LshProjection} (docs/FORMAT.md section 5.1, docs/PROJECTION.md): the DL4J
 * layer, the exporter's parity checks and the emitted C are all tested against it; {@code PatchBits}, the same
 * projection of every patch of an image (the PATCH family, docs/FORMAT.md section 13); and
 * {@code PackedBits}, the 64-bit word layout of a bit vector (bit {@code b} in word {@code b >>> 6},
 * bit {@code b & 63}). Public only for the library's own modules; a device user gets bits from
 * {@link io.github.dl4jprojection.runtime.model.Predictor#project}.
 */
package io.github.dl4jprojection.runtime.internal.projection;
