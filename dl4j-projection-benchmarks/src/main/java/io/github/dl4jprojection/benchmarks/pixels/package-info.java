/**
 * The LSH-on-pixels study of issue 12 (docs/RESULTS.md, "LSH on pixels: centring and patches"): a projection
 * network trained alone on fixed bits is a softmax (or MLP) on the bit vector, so bit schemes can be compared
 * without touching the model format. {@link io.github.dl4jprojection.benchmarks.pixels.PixelSchemeStudy} computes
 * the bits of every training and test image with the reference
 * {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection} under each
 * {@link io.github.dl4jprojection.benchmarks.pixels.BitScheme}, trains the same DL4J network on them and scores
 * the exported layer, float32 and int8, on the whole test set.
 * {@link io.github.dl4jprojection.benchmarks.pixels.PatchCnnStudy} measures what the patch model's fixed first layer
 * costs against a small CNN of the same shape whose first convolution is trained (docs/RESULTS.md, "Patch models").
 *
 * <p>Built only with {@code -Pbenchmarks}, never shipped: the schemes other than raw pixels need data the format
 * does not hold yet (a per-pixel offset, a patch layout).
 */
package io.github.dl4jprojection.benchmarks.pixels;
