/**
 * The size-accuracy frontier study ({@code projectionnet bits-study}): at equal exported bytes, is a
 * projection network better than just training a small network, and what does each cost on a device?
 *
 * <p>{@link io.github.dl4jprojection.pipeline.study.FrontierSweep} trains one trainer per seed, then for each
 * bit budget {@code T * d}, seed and projection hidden size trains small students with the same optimizer,
 * epochs and minibatches ({@link io.github.dl4jprojection.pipeline.study.StudyMethod}: MLPs, projection networks,
 * on images a small CNN, on texts sketch networks), sizes the MLP and small-CNN baselines to the exported network's
 * weight bytes
 * ({@link io.github.dl4jprojection.pipeline.study.ByteBudget}, {@link io.github.dl4jprojection.pipeline.study.CnnShape}),
 * measures every model as float32 and as int8 with its time per example and multiply-accumulates (projection
 * and sketch networks with the runtime, baselines with the plain-Java forward passes of this package), and writes CSVs
 * ({@link io.github.dl4jprojection.pipeline.study.FrontierCsv}: one row per seed, and the mean and spread over the
 * seeds, {@link io.github.dl4jprojection.pipeline.study.SeedSummary}) and PNG plots
 * ({@link io.github.dl4jprojection.pipeline.study.FrontierPlots}).
 */
package io.github.dl4jprojection.pipeline.study;
