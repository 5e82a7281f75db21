/**
 * The {@code projectionnet} command line (picocli): {@code demo}, {@code train}, {@code eval},
 * {@code predict} and {@code export-c}, with terminal progress reporting and JSON reports.
 *
 * <p>Exit codes: 0 success, 1 the command failed (missing or malformed data, unusable model; the
 * message says why), 2 wrong arguments (one-line error and the command's usage).
 */
package io.github.dl4jprojection.examples.cli;
