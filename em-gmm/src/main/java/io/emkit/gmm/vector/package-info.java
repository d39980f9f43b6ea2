/**
 * Internal, not exported: the optional Vector API ({@code jdk.incubator.vector}) kernels behind
 * {@code io.emkit.gmm.GaussianKernel}, loaded only when the JVM resolves that module. Kept in a
 * package of its own so that the javadoc build, which does not resolve the incubating module,
 * can leave it out.
 */
package io.emkit.gmm.vector;
