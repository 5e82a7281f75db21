/**
 * <b>Not API: may change in any release.</b> The reference "sgnn-text" featurizer (SGNN, Ravi and
 * Kozareva, EMNLP 2018; docs/TEXT.md): {@code TextFeaturizer} turns a text into a bag of 64-bit
 * feature hashes ({@code FeatureBag}), {@code TextProjection} turns it into projection bits and
 * {@code TokenProjection} every token of it into bits of its own (the sequence models), with the
 * caller-owned {@code FeaturizerScratch} / {@code TextProjectionScratch} / {@code TokenProjectionScratch}
 * that make them allocation-free; the code point tables ({@code CharClass}, handed to code generators through
 * {@code TextTables}), the decoder and the token buffer behind them.
 *
 * <p>Public only so that training (layers, data, pipeline) featurizes exactly as the device does. A
 * device user calls {@link io.github.dl4jprojection.runtime.text.TextPredictor} and configures with
 * {@link io.github.dl4jprojection.runtime.text.FeaturizerConfig}. Objects without "Scratch" in their
 * name are immutable and thread-safe.
 */
package io.github.dl4jprojection.runtime.internal.text;
