/**
 * The EM step-through page ({@code em viz}): EM run one iteration at a time through emkit's public
 * warm-start API ({@link io.emkit.examples.viz.EmSteps}), traces for Gaussian mixtures
 * ({@link io.emkit.examples.viz.GmmViz}) and hidden Markov models ({@link io.emkit.examples.viz.HmmViz}),
 * and one self-contained HTML file that plays them back ({@link io.emkit.examples.viz.VizPage}).
 */
package io.emkit.examples.viz;
