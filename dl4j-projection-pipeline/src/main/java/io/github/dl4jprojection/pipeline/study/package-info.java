/**
 * The size-accuracy frontier study ({@code projectionnet bits-study}): at equal exported bytes, is a
 * projection network better than just training a small network?
 *
 * <p>{@link io.github.dl4jprojection.pipeline.study.FrontierSweep} trains one trainer per task, then for each
 * bit budget {@code T * d} and projection hidden size trains four small students with the same optimizer,
 * epochs and minibatches ({@link io.github.dl4jprojection.pipeline.study.StudyMethod}), sizes the two MLP
 * baselines to the projection network's exported bytes ({@link io.github.dl4jprojection.pipeline.study.ByteBudget}),
 * and writes a CSV ({@link io.github.dl4jprojection.pipeline.study.FrontierCsv}) and PNG plots
 * ({@link io.github.dl4jprojection.pipeline.study.FrontierPlots}).
 */
package io.github.dl4jprojection.pipeline.study;
