/**
 * Factor models on real data: {@link io.emkit.examples.factor.DigitsMfaExample}, a mixture of factor
 * analysers against a diagonal Gaussian mixture on the UCI digits.
 */
package io.emkit.examples.factor;
