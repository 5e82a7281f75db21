/**
 * Joint training of a trainer network and a projection network in one DL4J {@code ComputationGraph}
 * (ProjectionNet, Ravi, ICML 2019; arXiv 1708.00630), with the combined loss
 * {@code L = l1 CE(y, p_trainer) + l2 tau^2 CE(softmax(z_t/tau), softmax(z_p/tau)) + l3 CE(y, p_projection)}.
 *
 * <p>{@link io.github.dl4jprojection.layers.joint.JointProjectionModel} builds the graph (from trainer layers
 * or around an existing {@code MultiLayerNetwork} / {@code ComputationGraph}), trains and evaluates both
 * branches, saves and loads them, and names the vertices that form the projection network for the exporter.
 */
package io.github.dl4jprojection.layers.joint;
