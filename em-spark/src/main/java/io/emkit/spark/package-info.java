/**
 * emkit on Apache Spark: {@link io.emkit.spark.SparkExecutor} runs any model's E-steps over cached
 * partitions with the local fit's chunks and merge order, {@link io.emkit.spark.SparkCli} is the
 * {@code em} command line on a cluster, and {@link io.emkit.spark.ml} holds Spark ML estimators.
 *
 * @serial exclude
 */
package io.emkit.spark;
