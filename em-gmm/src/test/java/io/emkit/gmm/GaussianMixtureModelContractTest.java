package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;

/** The em-core contract for the mixture without regularisation (so EM is exact and monotone). */
class GaussianMixtureModelContractTest extends LatentModelContract<Dataset, GaussianMixture, GaussianMixtureStatistics> {

    @Override
    protected LatentModel<Dataset, GaussianMixture, GaussianMixtureStatistics> model() {
        return GaussianMixtureModel.builder().components(3).regCovar(0).chunkSize(64).build();
    }

    @Override
    protected Dataset data(long seed) {
        return Dataset.of(GaussianMixturePropertiesTest.clusters(seed, 300));
    }

    @Override
    protected double[] parameterVector(GaussianMixture parameters) {
        return GaussianMixtureFlat.all(parameters);
    }
}
