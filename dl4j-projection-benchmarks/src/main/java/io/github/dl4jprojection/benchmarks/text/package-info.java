/**
 * Studies of text inputs for the projection families: {@link io.github.dl4jprojection.benchmarks.text.SketchVariantStudy}
 * compares ways of turning a text's hashed features into a linear layer's input (the measurements behind the SKETCH
 * family's choices, docs/RESULTS.md "Count sketch").
 */
package io.github.dl4jprojection.benchmarks.text;
