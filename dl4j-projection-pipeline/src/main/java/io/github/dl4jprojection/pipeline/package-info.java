/**
 * The seams between the {@code projectionnet} command line and the code that trains, exports and
 * runs projection networks, plus the command-line-independent pieces around them.
 *
 * <p>Four interfaces are implemented outside this package and wired in {@link
 * io.github.dl4jprojection.pipeline.DefaultBackends}:
 * <ul>
 *   <li>{@link io.github.dl4jprojection.pipeline.JointTrainingWorkflow}: joint training of a
 *       trainer network and a projection network in DL4J, then export of the projection network to a
 *       model file;</li>
 *   <li>{@link io.github.dl4jprojection.pipeline.TextTrainingWorkflow}: the same for labelled texts
 *       ({@link io.github.dl4jprojection.pipeline.TextJointTraining}: an LSTM trainer over token ids of a
 *       training vocabulary, or a hashed bag-of-words MLP trainer, and a projection network over the runtime's
 *       text projection bits);</li>
 *   <li>{@link io.github.dl4jprojection.pipeline.RuntimeModelLoader}: loading a model file
 *       into the ND4J-free runtime;</li>
 *   <li>{@link io.github.dl4jprojection.pipeline.CSourceExporter}: emitting C source for a
 *       model file.</li>
 * </ul>
 * {@link io.github.dl4jprojection.pipeline.RuntimeEvaluator} measures an exported model on
 * a test set through these interfaces only; {@link io.github.dl4jprojection.pipeline.TextRuntimeModel}
 * runs an exported text model on raw texts.
 */
package io.github.dl4jprojection.pipeline;
