package io.emkit.hmm;

import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;
import io.emkit.gmm.CovarianceType;

/** The em-core contract for Baum-Welch with 2-D diagonal Gaussian emissions, unregularised. */
class GaussianHmmContractTest extends LatentModelContract<Sequences, HmmParameters, HmmStatistics> {

    @Override
    protected LatentModel<Sequences, HmmParameters, HmmStatistics> model() {
        return BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.DIAGONAL, 0.0))
                .build();
    }

    @Override
    protected int chunkSize() {
        return 400;
    }

    @Override
    protected Sequences data(long seed) {
        return TestModels.sample(TestModels.gaussian2d(), 8, 100, 300, seed).data();
    }

    @Override
    protected double[] parameterVector(HmmParameters parameters) {
        return ParameterVectors.of(parameters);
    }
}
