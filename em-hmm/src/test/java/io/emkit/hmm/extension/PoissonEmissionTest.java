package io.emkit.hmm.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.discrete.PoissonFamily;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A family written once serves HMMs from outside the package: the library's Poisson family (the same
 * one a Poisson mixture uses), through the public {@link EmissionFamily#of} seam.
 */
class PoissonEmissionTest {

    @Test
    void poissonEmissionsAreFittedByBaumWelchAndRecoverTheRates() {
        HmmParameters truth = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.05, 0.95}},
                FamilyEmission.of(PoissonFamily.INSTANCE, PoissonFamily.Rates.of(new double[][] {{2}, {12}})));
        SplittableRandom random = new SplittableRandom(13);
        double[][] counts = new double[20][];
        for (int r = 0; r < counts.length; r++) {
            counts[r] = FittedHmm.of(truth).sample(500, random).observations().values(0);
        }
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.poisson()).build();
        EmResult<HmmParameters> result = model.fit(Sequences.ofScalars(counts),
                EmOptions.builder().tolerance(1e-8).maxIterations(300).restarts(2).threads(2).build());
        @SuppressWarnings("unchecked")
        PoissonFamily.Rates fitted = ((FamilyEmission<PoissonFamily.Rates, ?>) result.parameters().emission())
                .components();
        double[] rates = {fitted.rate(0, 0), fitted.rate(1, 0)};
        java.util.Arrays.sort(rates);
        // 10,000 steps, about 5,000 per state: standard errors near 0.02 and 0.05
        assertThat(rates[0]).isCloseTo(2, within(0.15));
        assertThat(rates[1]).isCloseTo(12, within(0.3));
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
        }
    }

    @Test
    void nonCountObservationsAreRejectedNamingTheStep() {
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.poisson()).build();
        Sequences bad = Sequences.ofScalars(new double[][] {{1, 2, 3}, {0, 2.5, 1}});
        assertThatIllegalArgumentException().isThrownBy(() -> model.fit(bad, EmOptions.defaults()))
                .withMessageContaining("sequences[1][1][0] is 2.5")
                .withMessageContaining("non-negative integer counts");
    }
}
