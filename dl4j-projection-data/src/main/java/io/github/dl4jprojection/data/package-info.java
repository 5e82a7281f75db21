/**
 * Image data for the examples: readers for MNIST-format IDX files (plain or gzip), CSV files
 * (Apache Commons CSV) and folders of PNG/JPEG images per class (javax.imageio), the locator that finds Fashion-MNIST, MNIST or a user's images on disk (falling back to a
 * bundled Fashion-MNIST sample), the in-memory {@link io.github.dl4jprojection.data.ImageDataset}
 * and a deterministic DL4J iterator over it.
 *
 * <p>Pixels are kept as the integers 0..255 they are stored as: integer-valued inputs keep the
 * projection's sums exact in float32, which the three-way parity contract relies on.
 *
 * <p>Every problem with a file is reported as an {@link java.io.IOException} whose message names the
 * file (and the line, for text files); sizes declared in a file header are checked against the
 * file's length before anything is allocated.
 */
package io.github.dl4jprojection.data;
