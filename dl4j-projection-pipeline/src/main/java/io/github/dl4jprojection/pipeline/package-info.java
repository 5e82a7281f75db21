/**
 * The training pipeline: one {@link io.github.dl4jprojection.pipeline.TrainingConfig}, one joint-training loop
 * ({@link io.github.dl4jprojection.pipeline.TrainingPipeline}) over a task (images, texts; each trains a projection
 * family of {@link io.github.dl4jprojection.pipeline.ProjectionFamily}: bag or patch for images, whose settings are
 * {@link io.github.dl4jprojection.pipeline.ImageSettings}, bag, seq or sketch for texts), the trainer registry
 * ({@link io.github.dl4jprojection.pipeline.Trainers}), and the seams the command line runs through
 * ({@link io.github.dl4jprojection.pipeline.Backends}: training here or on a cluster, loading a model into the
 * ND4J-free runtime, the C export). {@link io.github.dl4jprojection.pipeline.RuntimeEvaluator} measures an exported
 * model on a test set; {@link io.github.dl4jprojection.pipeline.TextRuntimeModel} runs an exported text model on raw
 * texts. docs/ARCHITECTURE.md says where to change what.
 */
package io.github.dl4jprojection.pipeline;
