package io.emkit.examples.usermodel;

import io.emkit.core.Dataset;
import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureStatistics;

/** The em-core contract for the generic mixture over the user-written family: proof that a new family plugs in. */
class BernoulliMixtureContractTest extends LatentModelContract<Dataset,
        MixtureParameters<BernoulliFamily.Components>, MixtureStatistics<BernoulliFamily.Counts>> {

    @Override
    protected LatentModel<Dataset, MixtureParameters<BernoulliFamily.Components>,
            MixtureStatistics<BernoulliFamily.Counts>> model() {
        // α = 0: exact maximum likelihood, so the contract also checks that the likelihood never decreases
        return Mixture.builder(new BernoulliFamily(0)).components(3).build();
    }

    @Override
    protected int chunkSize() {
        return 64;
    }

    @Override
    protected Dataset data(long seed) {
        return BernoulliFamilyTest.sample(1200, seed);
    }

    @Override
    protected double[] parameterVector(MixtureParameters<BernoulliFamily.Components> parameters) {
        double[] p = parameters.components().p;
        double[] out = new double[parameters.k() + p.length];
        System.arraycopy(parameters.weights().toArray(), 0, out, 0, parameters.k());
        System.arraycopy(p, 0, out, parameters.k(), p.length);
        return out;
    }
}
