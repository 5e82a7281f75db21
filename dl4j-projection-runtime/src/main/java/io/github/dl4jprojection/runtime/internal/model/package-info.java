/**
 * <b>Not API: may change in any release.</b> Helpers of the exporter and the build, never called
 * on a device: {@code Int8Quantizer} (post-training symmetric int8 with one scale per output,
 * {@code s[j] = max_i |W[i][j]| / 127}, {@code q[i][j] = round(W[i][j] / s[j])}) and
 * {@code LibraryVersion} (the version stamped into provenance and emitted C). Public only for the
 * library's own modules.
 */
package io.github.dl4jprojection.runtime.internal.model;
