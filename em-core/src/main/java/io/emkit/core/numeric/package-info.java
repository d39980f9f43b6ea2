/**
 * Small numerical utilities shared by every model: log-sum-exp, compensated summation, an
 * immutable matrix value and a validated data matrix. One concern per class; all stateless or
 * immutable except the explicitly mutable {@link io.emkit.core.numeric.CompensatedSum}.
 */
package io.emkit.core.numeric;
