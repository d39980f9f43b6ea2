package io.emkit.hmm;

import io.emkit.gmm.Gaussian;
import java.util.Arrays;
import java.util.stream.DoubleStream;

/** Flattens parameters for comparisons: start, transitions, then the emission's numbers. */
final class ParameterVectors {

    private ParameterVectors() {}

    static double[] of(HmmParameters p) {
        DoubleStream numbers = DoubleStream.concat(Arrays.stream(p.startProbabilities().toArray()),
                Arrays.stream(p.transitions().toRowMajor()));
        if (p.emission() instanceof CategoricalEmission c) {
            numbers = DoubleStream.concat(numbers, Arrays.stream(HmmFixtures.flatten(c.toArray())));
        } else {
            for (Gaussian g : ((GaussianEmission) p.emission()).gaussians()) {
                numbers = DoubleStream.concat(numbers,
                        DoubleStream.concat(Arrays.stream(g.mean()), Arrays.stream(g.covariance().toRowMajor())));
            }
        }
        return numbers.toArray();
    }
}
