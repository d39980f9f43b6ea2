package io.emkit.examples.usermodel;

import io.emkit.core.Dataset;
import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;

/** The em-core contract holds for the user-written model: proof that a new model plugs in. */
class BernoulliMixtureContractTest
        extends LatentModelContract<Dataset, BernoulliMixture.Parameters, BernoulliMixture.Statistics> {

    @Override
    protected LatentModel<Dataset, BernoulliMixture.Parameters, BernoulliMixture.Statistics> model() {
        return new BernoulliMixture(3, 0.0); // exact maximum likelihood, so monotonicity is checked
    }

    @Override
    protected Dataset data(long seed) {
        return BernoulliMixtureTest.sample(1200, 12, seed).data();
    }

    @Override
    protected double[] parameterVector(BernoulliMixture.Parameters parameters) {
        double[] means = parameters.means().toRowMajor();
        double[] out = new double[parameters.components() + means.length];
        System.arraycopy(parameters.weights().toArray(), 0, out, 0, parameters.components());
        System.arraycopy(means, 0, out, parameters.components(), means.length);
        return out;
    }

}
