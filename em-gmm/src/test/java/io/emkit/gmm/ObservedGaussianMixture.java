package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.ParameterVector;
import io.emkit.core.mixture.MixtureStatistics;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A Gaussian mixture model that shows every M-step's input to a test first, then delegates everything
 * to the model: for tests of what a driver hands its M-steps (points, iterations, earlier warnings).
 */
final class ObservedGaussianMixture
        implements LatentModel<Dataset, GaussianMixture, MixtureStatistics<GaussianAccumulator>> {

    /** Sees each M-step's previous parameters and context before the model maximises. */
    interface Observer {
        void beforeMaximize(GaussianMixture previous, IterationContext context);
    }

    private final GaussianMixtureModel model;
    private final Observer observer;

    ObservedGaussianMixture(GaussianMixtureModel model, Observer observer) {
        this.model = model;
        this.observer = observer;
    }

    @Override
    public void validate(Dataset data) {
        model.validate(data);
    }

    @Override
    public MixtureStatistics<GaussianAccumulator> expect(GaussianMixture params, Dataset chunk) {
        return model.expect(params, chunk);
    }

    @Override
    public GaussianMixture maximize(MixtureStatistics<GaussianAccumulator> total, GaussianMixture previous,
            IterationContext context) {
        observer.beforeMaximize(previous, context);
        return model.maximize(total, previous, context);
    }

    @Override
    public GaussianMixture initialize(Dataset data, RandomGenerator random) {
        return model.initialize(data, random);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return model.guaranteesMonotoneLikelihood();
    }

    @Override
    public Optional<ParameterVector<GaussianMixture>> parameterVector() {
        return model.parameterVector();
    }
}
