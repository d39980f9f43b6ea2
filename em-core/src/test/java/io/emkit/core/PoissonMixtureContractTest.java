package io.emkit.core;

/** The driver contract on the test-side Poisson mixture. */
class PoissonMixtureContractTest
        extends LatentModelContract<Dataset, PoissonMixture.Parameters, PoissonMixture.Statistics> {

    @Override
    protected LatentModel<Dataset, PoissonMixture.Parameters, PoissonMixture.Statistics> model() {
        return new PoissonMixture(2);
    }

    @Override
    protected Dataset data(long seed) {
        return PoissonMixture.sample(200, seed);
    }

    @Override
    protected double[] parameterVector(PoissonMixture.Parameters parameters) {
        return parameters.vector();
    }
}
