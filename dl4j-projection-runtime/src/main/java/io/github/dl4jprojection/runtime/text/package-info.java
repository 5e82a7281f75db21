/**
 * Text models on the device (SGNN, Ravi and Kozareva, EMNLP 2018): {@code predict(String)} for a
 * loaded model ({@link io.github.dl4jprojection.runtime.text.TextPredictor}), with the featurizer
 * configuration read from the model file's own featurizer section
 * ({@link io.github.dl4jprojection.runtime.text.FeaturizerConfig},
 * {@link io.github.dl4jprojection.runtime.text.FeatureWeighting}), so training, the file and
 * prediction cannot disagree.
 *
 * <p>docs/TEXT.md specifies every step byte for byte (decoding, code point tables, case folding,
 * tokens, features, hashes, caps) so that training, this runtime and the emitted C give the same
 * bits. The featurizer itself lives in {@code runtime.internal.text}, which is not API.
 */
package io.github.dl4jprojection.runtime.text;
