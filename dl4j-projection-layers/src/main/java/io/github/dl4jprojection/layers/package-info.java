/**
 * DL4J layer configurations for neural projection networks: the
 * {@link io.github.dl4jprojection.layers.ProjectionLayer} (dense input to LSH bits) and the
 * {@link io.github.dl4jprojection.layers.BitVectorInputLayer} (bits computed outside the graph).
 * Class names are part of the saved-model JSON: do not rename or move them.
 */
package io.github.dl4jprojection.layers;
