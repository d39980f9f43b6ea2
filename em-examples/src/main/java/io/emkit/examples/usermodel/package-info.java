/**
 * A user-written model: {@link io.emkit.examples.usermodel.BernoulliFamily}, a distribution family on
 * em-core alone, used as a mixture and as HMM emissions by
 * {@link io.emkit.examples.usermodel.BernoulliDigits}.
 */
package io.emkit.examples.usermodel;
