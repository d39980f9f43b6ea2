/**
 * JMH benchmarks of the E-step kernels (compiled only with the {@code bench} profile): one E-step of
 * a Gaussian mixture for each covariance type, and one forward-backward pass of a Gaussian HMM, on
 * seeded synthetic data, through the public API ({@code Em.expect}). Run with
 * {@code java -XX:ActiveProcessorCount=2 -cp em-examples/target/em.jar org.openjdk.jmh.Main io.emkit.examples.jmh}.
 */
package io.emkit.examples.jmh;
