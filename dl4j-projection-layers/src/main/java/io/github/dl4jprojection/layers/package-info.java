/**
 * DL4J layer configurations for neural projection networks: the
 * {@link io.github.dl4jprojection.layers.ProjectionLayer} (dense input to LSH bits), the
 * {@link io.github.dl4jprojection.layers.BitVectorInputLayer} (bits computed outside the graph), the
 * {@link io.github.dl4jprojection.layers.TokenBitsInputLayer} (per-token bits of a sequence model, computed
 * outside the graph, with a token mask), the {@link io.github.dl4jprojection.layers.PatchProjectionLayer} (every image
 * patch to LSH bits, a map of bit channels for convolutions) and the
 * {@link io.github.dl4jprojection.layers.DistillationOutputLayer} (the projection branch's output in joint
 * training: distillation from the trainer plus the label loss).
 * Class names are part of the saved-model JSON: do not rename or move them.
 */
package io.github.dl4jprojection.layers;
