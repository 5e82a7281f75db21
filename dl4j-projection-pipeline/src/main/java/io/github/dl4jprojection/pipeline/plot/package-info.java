/**
 * PNG charts drawn with XChart, without a display: the shared look ({@link io.github.dl4jprojection.pipeline.plot.Charts}:
 * size, fonts, legend, palette, headless PNG writing) that the bits study's frontier plots and a training run's
 * report plots ({@link io.github.dl4jprojection.pipeline.plot.TrainingPlots}: the training curves and the exported
 * model's confusion matrix) both use.
 */
package io.github.dl4jprojection.pipeline.plot;
