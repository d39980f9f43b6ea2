package io.emkit.latent.lda;

import io.emkit.core.EmOptions;
import io.emkit.core.LatentModel;
import io.emkit.core.LatentModelContract;

/** The shared model contract on small bars corpora split into several chunks. */
class LdaContractTest extends LatentModelContract<Documents, LdaParameters, LdaStatistics> {

    @Override
    protected LatentModel<Documents, LdaParameters, LdaStatistics> model() {
        return LatentDirichletAllocation.builder().topics(5).documentsPerChunk(20).build();
    }

    @Override
    protected Documents data(long seed) {
        return LatentDirichletAllocationTest.barsCorpus(70, 30, seed);
    }

    @Override
    protected double[] parameterVector(LdaParameters parameters) {
        return parameters.rawLambda().clone();
    }

    @Override
    protected EmOptions options() {
        return super.options().toBuilder().maxIterations(8).build();
    }
}
