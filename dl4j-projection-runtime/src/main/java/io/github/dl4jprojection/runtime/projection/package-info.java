/**
 * The single reference implementation of the LSH projection: its specification
 * ({@link io.github.dl4jprojection.runtime.projection.ProjectionSpec}), the computation
 * ({@link io.github.dl4jprojection.runtime.projection.LshProjection}), bit packing and the bit
 * encodings that dense layers consume.
 */
package io.github.dl4jprojection.runtime.projection;
