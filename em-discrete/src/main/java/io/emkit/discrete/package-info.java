/**
 * Discrete families of the family layer: {@link io.emkit.discrete.CategoricalFamily} (one symbol per
 * observation) and {@link io.emkit.discrete.PoissonFamily} (independent counts per coordinate). Each
 * serves as the components of a {@link io.emkit.core.mixture.Mixture} and as the emissions of a hidden
 * Markov model.
 *
 * @serial exclude
 */
package io.emkit.discrete;
