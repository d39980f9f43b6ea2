/**
 * emkit discrete families: categorical and Poisson distributions as families of the family layer,
 * usable as mixture components and HMM emissions.
 */
module io.emkit.discrete {
    requires transitive io.emkit.core;

    exports io.emkit.discrete;
}
