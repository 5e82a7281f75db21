/**
 * DL4J {@code Layer} implementations behind the configurations of
 * {@link io.github.dl4jprojection.layers}; users normally meet them only through a network.
 */
package io.github.dl4jprojection.layers.impl;
