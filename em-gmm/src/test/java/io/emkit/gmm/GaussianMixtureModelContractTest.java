package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;
import io.emkit.core.mixture.MixtureStatistics;

/** The em-core contract for the mixture without regularisation (so EM is exact and monotone). */
class GaussianMixtureModelContractTest extends LatentModelContract<Dataset, GaussianMixture, MixtureStatistics<GaussianAccumulator>> {

    @Override
    protected LatentModel<Dataset, GaussianMixture, MixtureStatistics<GaussianAccumulator>> model() {
        return GaussianMixtureModel.builder().components(3).regCovar(0).build();
    }

    @Override
    protected int chunkSize() {
        return 64;
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
