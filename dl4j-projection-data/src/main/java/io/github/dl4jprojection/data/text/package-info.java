/**
 * Text data for the examples: the SpamAssassin public corpus read straight from its npm tarball
 * ({@link io.github.dl4jprojection.data.text.SpamAssassinCorpus}), the e-mail text extraction it
 * uses (MIME and transfer decoding by Apache James mime4j, charsets, HTML to text by jsoup; the
 * tarball is read with Apache Commons Compress), duplicate removal and the deterministic
 * 80/20 hash split, a bundled 600-text sample, the fortune cookie files of the Debian package
 * {@code fortunes} by category ({@link io.github.dl4jprojection.data.text.FortunesCorpus}), a user's TSV/CSV files,
 * and the locator that chooses among them. docs/TEXT_DATA.md documents every choice.
 *
 * <p>Every problem with a file is an {@link java.io.IOException} naming the file (and the line, for
 * TSV and CSV); missing data is a {@link io.github.dl4jprojection.data.DataNotFoundException}
 * listing the paths looked at.
 */
package io.github.dl4jprojection.data.text;
