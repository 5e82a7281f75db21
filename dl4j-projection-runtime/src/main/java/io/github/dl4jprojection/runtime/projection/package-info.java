/**
 * The configuration of the LSH projection: {@link io.github.dl4jprojection.runtime.projection.ProjectionSpec}
 * ({@code T} functions of {@code d} bits, seed, density {@code 2^-k}; the matrix is never stored)
 * and the {@link io.github.dl4jprojection.runtime.projection.BitEncoding} in which dense layers see
 * the bits. The computation, {@code LshProjection}, lives in {@code runtime.internal.projection},
 * which is not API.
 */
package io.github.dl4jprojection.runtime.projection;
