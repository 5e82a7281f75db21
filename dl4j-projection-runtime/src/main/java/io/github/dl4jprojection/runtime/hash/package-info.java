/**
 * Hash functions specified byte for byte, shared by training (DL4J), the Java runtime and the
 * emitted C: {@link io.github.dl4jprojection.runtime.hash.XxHash64} for bytes and feature keys,
 * {@link io.github.dl4jprojection.runtime.hash.SplitMix64} for the random streams that define
 * projection entries.
 */
package io.github.dl4jprojection.runtime.hash;
