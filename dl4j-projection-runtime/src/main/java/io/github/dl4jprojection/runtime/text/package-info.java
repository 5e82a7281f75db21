/**
 * Text input for projection networks (SGNN, Ravi and Kozareva, EMNLP 2018): the reference
 * featurizer that turns a text into a bag of 64-bit feature hashes
 * ({@link io.github.dl4jprojection.runtime.text.TextFeaturizer}), its versioned configuration
 * ({@link io.github.dl4jprojection.runtime.text.FeaturizerConfig}, stored as a model file's
 * featurizer section), text-to-bits ({@link io.github.dl4jprojection.runtime.text.TextProjection})
 * and {@code predict(String)} for a loaded model
 * ({@link io.github.dl4jprojection.runtime.text.TextPredictor}).
 *
 * <p>docs/TEXT.md specifies every step byte for byte (decoding, code point tables, case folding,
 * tokens, features, hashes, caps) so that training, this runtime and the emitted C give the same
 * bits. Nothing here depends on the JVM's Unicode version: the tables are fixed.
 *
 * <p>Hot paths take a caller-owned scratch object and allocate nothing; objects without "Scratch" in
 * their name are immutable and thread-safe.
 */
package io.github.dl4jprojection.runtime.text;
