package io.emkit.hmm;

import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;

/** The em-core contract for Baum-Welch with categorical emissions (casino data). */
class CategoricalHmmContractTest extends LatentModelContract<Sequences, HmmParameters, HmmStatistics> {

    @Override
    protected LatentModel<Sequences, HmmParameters, HmmStatistics> model() {
        return BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
    }

    @Override
    protected int chunkSize() {
        return 400;
    }

    @Override
    protected Sequences data(long seed) {
        return TestModels.sample(TestModels.casino(), 8, 100, 300, seed).data();
    }

    @Override
    protected double[] parameterVector(HmmParameters parameters) {
        return ParameterVectors.of(parameters);
    }
}
