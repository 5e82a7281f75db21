/**
 * Quantization-aware training of a projection network: its trainable layers train with the int8 weights (and, for
 * an integer-only export, the int8 hidden activations) that the exported model computes with, so the int8 export
 * loses nothing against the network DL4J evaluates. {@link io.github.dl4jprojection.layers.qat.Int8FakeQuantWeights}
 * is DL4J weight noise that replaces a dense layer's {@code W} by its int8 quantize-dequantize;
 * {@link io.github.dl4jprojection.layers.qat.Int8FakeQuantActivation} wraps a hidden layer's activation and
 * quantizes its pre-activation on a range tracked by an exponential moving average;
 * {@link io.github.dl4jprojection.layers.qat.QuantizationAwareTraining} says which to use and reads the ranges back
 * for the export. Both DL4J classes are part of the saved-model JSON: do not rename or move them.
 */
package io.github.dl4jprojection.layers.qat;
