/**
 * Spark ML estimators over emkit: {@link io.emkit.spark.ml.EmkitGaussianMixture} and its model, with
 * Spark ML's parameter, pipeline and save/load conventions.
 *
 * @serial exclude
 */
package io.emkit.spark.ml;
