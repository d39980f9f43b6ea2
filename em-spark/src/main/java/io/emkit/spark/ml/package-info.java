/**
 * Spark ML estimators over emkit: {@link io.emkit.spark.ml.EmkitGaussianMixture} and
 * {@link io.emkit.spark.ml.EmkitHmm} (hidden Markov models over a column of sequences) and their models, with
 * Spark ML's parameter, pipeline and save/load conventions.
 *
 * @serial exclude
 */
package io.emkit.spark.ml;
