package io.emkit.examples.usermodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.family.Families;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureStatistics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BernoulliFamilyTest {

    private static final IterationContext FIRST = new IterationContext() {
        @Override
        public int iteration() {
            return 1;
        }

        @Override
        public void warn(FitWarning warning) {}
    };

    /** Three planted components over 12 bits: each bit's probability from {0.1, 0.3, 0.7, 0.9}. */
    static MixtureParameters<BernoulliFamily.Components> planted() {
        double[] levels = {0.1, 0.3, 0.7, 0.9};
        int d = 12;
        double[] p = new double[3 * d];
        for (int j = 0; j < 3; j++) {
            for (int a = 0; a < d; a++) {
                p[j * d + a] = levels[(a + j * (1 + a % 3)) % 4];
            }
        }
        return MixtureParameters.of(new BernoulliFamily(), new double[] {0.5, 0.3, 0.2},
                new BernoulliFamily.Components(3, d, p));
    }

    /** n rows drawn from {@link #planted()}. */
    static Dataset sample(int n, long seed) {
        MixtureParameters.Sample s = planted().sample(n, new SplittableRandom(seed));
        return Dataset.ofRowMajor(s.points().toRowMajor(), n, s.points().columns());
    }

    @Test
    void logDensityMatchesTheHandComputationAndNeverGivesNaNAtZeroOrOne() {
        BernoulliFamily family = new BernoulliFamily();
        BernoulliFamily.Components set = new BernoulliFamily.Components(2, 3, new double[] {0.2, 0.9, 0.5, 0, 1, 0.25});
        Dataset data = Dataset.of(new double[][] {{1, 0, 1}, {0, 1, 0}, {1, 1, 1}});
        double[] out = Families.logDensities(family, set, data);
        assertThat(out[0]).isCloseTo(Math.log(0.2) + Math.log(0.1) + Math.log(0.5), within(1e-15));
        assertThat(out[1]).isEqualTo(Double.NEGATIVE_INFINITY); // x_0 = 1 where p = 0
        assertThat(out[2]).isCloseTo(Math.log(0.8) + Math.log(0.9) + Math.log(0.5), within(1e-15));
        assertThat(out[3]).isCloseTo(Math.log(0.75), within(1e-15)); // 0·log 0 and 1·log 1 add nothing
        assertThat(out[4]).isCloseTo(Math.log(0.2) + Math.log(0.9) + Math.log(0.5), within(1e-15));
        assertThat(out[5]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void oneEmStepMatchesANaiveTextbookStep() {
        double alpha = 0.5;
        double[][] x = {{1, 0, 1}, {1, 1, 0}, {0, 0, 1}, {1, 1, 1}, {0, 1, 0}, {0, 0, 0}, {1, 0, 0}};
        double[] v = {1, 2, 0.5, 1, 3, 1, 0.25};
        double[] w = {0.3, 0.7};
        double[][] p = {{0.8, 0.3, 0.6}, {0.2, 0.6, 0.4}};
        // The textbook E-step in probability space, then the M-step with pseudo-counts.
        double logLikelihood = 0;
        double totalWeight = 0;
        double[] nj = new double[2];
        double[][] sx = new double[2][3];
        for (int i = 0; i < x.length; i++) {
            double[] joint = new double[2];
            for (int j = 0; j < 2; j++) {
                joint[j] = w[j];
                for (int a = 0; a < 3; a++) {
                    joint[j] *= Math.pow(p[j][a], x[i][a]) * Math.pow(1 - p[j][a], 1 - x[i][a]);
                }
            }
            double px = joint[0] + joint[1];
            logLikelihood += v[i] * Math.log(px);
            totalWeight += v[i];
            for (int j = 0; j < 2; j++) {
                double r = joint[j] / px;
                nj[j] += v[i] * r;
                for (int a = 0; a < 3; a++) {
                    sx[j][a] += v[i] * r * x[i][a];
                }
            }
        }

        BernoulliFamily family = new BernoulliFamily(alpha);
        Mixture<BernoulliFamily.Components, BernoulliFamily.Counts> mixture =
                Mixture.builder(family).components(2).build();
        MixtureParameters<BernoulliFamily.Components> start = MixtureParameters.of(family, w,
                new BernoulliFamily.Components(2, 3, new double[] {0.8, 0.3, 0.6, 0.2, 0.6, 0.4}));
        MixtureStatistics<BernoulliFamily.Counts> stats = mixture.expect(start, Dataset.of(x, v));
        MixtureParameters<BernoulliFamily.Components> next = mixture.maximize(stats, start, FIRST);

        assertThat(stats.logLikelihood()).isCloseTo(logLikelihood, within(1e-12));
        for (int j = 0; j < 2; j++) {
            assertThat(next.weights().get(j)).isCloseTo(nj[j] / totalWeight, within(1e-12));
            for (int a = 0; a < 3; a++) {
                assertThat(next.components().get(j, a)).as("p[%d][%d]", j, a)
                        .isCloseTo((sx[j][a] + alpha) / (nj[j] + 2 * alpha), within(1e-12));
            }
        }
    }

    @Test
    void recoversPlantedProbabilities() {
        int n = 4000;
        MixtureParameters<BernoulliFamily.Components> truth = planted();
        EmResult<MixtureParameters<BernoulliFamily.Components>> result = Mixture.builder(new BernoulliFamily())
                .components(3).build().fit(sample(n, 3), EmOptions.builder().restarts(3).seed(1).threads(1).build());
        MixtureParameters<BernoulliFamily.Components> fitted = result.parameters();
        assertThat(result.converged()).isTrue();
        List<Integer> matched = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            int best = -1;
            double bestError = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                double error = 0;
                for (int a = 0; a < 12; a++) {
                    error = Math.max(error, Math.abs(fitted.components().get(c, a) - truth.components().get(j, a)));
                }
                if (error < bestError) {
                    bestError = error;
                    best = c;
                }
            }
            // The smallest component has ~800 rows: a proportion's standard error is <= sqrt(0.25/800) ≈ 0.018,
            // and 0.08 is over 4 of them for the worst of its 12 bits.
            assertThat(bestError).as("planted component %d", j).isLessThan(0.08);
            // weight: binomial standard error sqrt(0.25/4000) ≈ 0.008
            assertThat(fitted.weights().get(best)).isCloseTo(truth.weights().get(j), within(0.04));
            matched.add(best);
        }
        assertThat(matched).doesNotHaveDuplicates();
    }

    @Test
    void errorsNameTheProblem() {
        Mixture<BernoulliFamily.Components, BernoulliFamily.Counts> mixture =
                Mixture.builder(new BernoulliFamily()).components(2).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> mixture.fit(Dataset.of(new double[][] {{0, 1}, {0.5, 1}}), EmOptions.defaults()))
                .withMessage("x[1][0] is 0.5; Bernoulli observations must be 0 or 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BernoulliFamily().validate(new double[] {0, 1, 1, 2}, 2, 2, "sequences[3]", 10))
                .withMessage("sequences[3][11][1] is 2.0; Bernoulli observations must be 0 or 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BernoulliFamily.Components(2, 2, new double[] {0.5, 0.5, 1.5, 0.5}))
                .withMessage("p[1][0] is 1.5; must be in [0, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BernoulliFamily.Components(1, 2, new double[] {0.5, Double.NaN}))
                .withMessage("p[0][1] is NaN; must be in [0, 1]");
        assertThatIllegalArgumentException().isThrownBy(() -> new BernoulliFamily.Components(2, 3, new double[5]))
                .withMessage("k = 2, d = 3, 5 values");
        assertThatIllegalArgumentException().isThrownBy(() -> new BernoulliFamily(-1))
                .withMessage("pseudo-count alpha (-1.0) must be finite and >= 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new BernoulliFamily(Double.NaN))
                .withMessageContaining("alpha (NaN)");
        BernoulliFamily.Counts counts = new BernoulliFamily.Counts(2, 3);
        assertThatIllegalArgumentException().isThrownBy(() -> counts.merge(new BernoulliFamily.Counts(2, 4)))
                .withMessage("Counts of different k or d");
        assertThatIllegalArgumentException().isThrownBy(() -> counts.scale(-1))
                .withMessage("factor (-1.0) must be finite and >= 0");
    }

    /** The counts of rows [from, to) of {@code data} under {@code set}, with weights w_ij = row weight · (j + 1) / (i + 2). */
    private static BernoulliFamily.Counts counts(BernoulliFamily family, BernoulliFamily.Components set, Dataset data,
            int from, int to) {
        Kernel<BernoulliFamily.Counts> kernel = family.kernel(set);
        int d = data.dimension();
        int k = family.components(set);
        for (int b = from; b < to; b += 64) {
            int nb = Math.min(64, to - b);
            double[] rows = new double[nb * d];
            data.copyRows(b, b + nb, rows, 0);
            double[] w = new double[k * nb];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < nb; i++) {
                    w[j * nb + i] = data.weight(b + i) * (j + 1.0) / (b + i + 2.0);
                }
            }
            kernel.accumulate(rows, 0, nb, w, 0, nb);
        }
        return kernel.finish();
    }

    @Test
    void mergeIsOrderIndependentAndEmptyIsItsIdentity() {
        BernoulliFamily family = new BernoulliFamily(0);
        Dataset data = sample(300, 5);
        BernoulliFamily.Components set = planted().components();
        BernoulliFamily.Counts whole = counts(family, set, data, 0, 300);
        BernoulliFamily.Counts forward = counts(family, set, data, 0, 70)
                .merge(counts(family, set, data, 70, 200)).merge(counts(family, set, data, 200, 300));
        BernoulliFamily.Counts backward = counts(family, set, data, 200, 300)
                .merge(counts(family, set, data, 70, 200).merge(counts(family, set, data, 0, 70)));
        for (BernoulliFamily.Counts c : List.of(forward, backward)) {
            for (int m = 0; m < whole.n.length; m++) {
                assertThat(c.n[m]).isCloseTo(whole.n[m], within(1e-12 * whole.n[m]));
            }
            for (int m = 0; m < whole.sx.length; m++) {
                assertThat(c.sx[m]).isCloseTo(whole.sx[m], within(1e-12 * whole.n[m / 12]));
            }
        }
        double[] before = whole.sx.clone();
        assertThat(whole.merge(whole.emptyCopy()).sx).containsExactly(before);
        // scaling every weight leaves the maximum-likelihood estimate unchanged (α = 0)
        BernoulliFamily.Components once = family.estimate(whole, set, quiet());
        BernoulliFamily.Components scaled = family.estimate(whole.scale(0.25), set, quiet());
        for (int ja = 0; ja < once.p.length; ja++) {
            assertThat(scaled.p[ja]).isCloseTo(once.p[ja], within(1e-15));
        }
        assertThat(whole.n[0]).isCloseTo(0.25 * forward.n[0], within(1e-12 * forward.n[0]));
    }

    private static Repairs quiet() {
        return new Repairs() {
            @Override
            public int iteration() {
                return 1;
            }

            @Override
            public void warn(FitWarning warning) {}

            @Override
            public void empty(int component, double weight) {
                throw new AssertionError("component " + component + " reported empty");
            }
        };
    }

    @Test
    void anEmptyComponentKeepsItsValuesAndIsReported() {
        BernoulliFamily family = new BernoulliFamily();
        BernoulliFamily.Components previous = new BernoulliFamily.Components(2, 2, new double[] {0.5, 0.5, 0.3, 0.6});
        BernoulliFamily.Counts counts = new BernoulliFamily.Counts(2, 2);
        counts.n[0] = 4000;
        counts.sx[0] = 3000;
        counts.sx[1] = 1000;
        counts.n[1] = 1e-8; // empty relative to the total: 1e-8 <= 1e-10 · 4000
        counts.sx[2] = 1e-8;
        List<String> reported = new ArrayList<>();
        BernoulliFamily.Components next = family.estimate(counts, previous, new Repairs() {
            @Override
            public int iteration() {
                return 1;
            }

            @Override
            public void warn(FitWarning warning) {}

            @Override
            public void empty(int component, double weight) {
                reported.add(component + ":" + weight);
            }
        });
        assertThat(reported).containsExactly("1:1.0E-8");
        assertThat(next.get(0, 0)).isCloseTo(3000.01 / 4000.02, within(1e-15));
        assertThat(next.get(0, 1)).isCloseTo(1000.01 / 4000.02, within(1e-15));
        assertThat(next.get(1, 0)).isEqualTo(0.3);
        assertThat(next.get(1, 1)).isEqualTo(0.6);
    }

    @Test
    void referenceReseedCountsAndSampling() {
        BernoulliFamily family = new BernoulliFamily();
        BernoulliFamily.Components reference = family.reference(Dataset.of(new double[][] {{0, 1, 1}}), 2);
        assertThat(reference.p).containsOnly(0.5).hasSize(6);
        BernoulliFamily.Components reseeded = family.reseed(reference, 1, new double[] {1, 0, 1}, null);
        assertThat(reseeded.p).containsExactly(0.5, 0.5, 0.5, 0.75, 0.25, 0.75);
        assertThat(family.parameterCount(reseeded)).isEqualTo(6);
        assertThat(planted().parameterCount()).isEqualTo(2 + 36);
        assertThat(family.isRegularised()).isTrue();
        assertThat(new BernoulliFamily(0).isRegularised()).isFalse();
        assertThat(Mixture.builder(new BernoulliFamily(0)).build().guaranteesMonotoneLikelihood()).isTrue();

        BernoulliFamily.Components set = new BernoulliFamily.Components(1, 4, new double[] {0, 0.1, 0.5, 0.95});
        SplittableRandom random = new SplittableRandom(9);
        int draws = 20_000;
        double[] ones = new double[4];
        double[] out = new double[4];
        for (int t = 0; t < draws; t++) {
            family.sample(set, 0, random, out, 0);
            for (int a = 0; a < 4; a++) {
                assertThat(out[a]).isIn(0.0, 1.0);
                ones[a] += out[a];
            }
        }
        for (int a = 0; a < 4; a++) {
            double p = set.get(0, a);
            // within 5 binomial standard errors (exactly 0 when p = 0)
            assertThat(ones[a] / draws).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / draws)));
        }
    }

    @Test
    void parametersAndCountsSurviveSerialisation() throws IOException, ClassNotFoundException {
        MixtureParameters<BernoulliFamily.Components> params = planted();
        Dataset data = sample(50, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(params);
            out.writeObject(counts(new BernoulliFamily(), params.components(), data, 0, 50));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            MixtureParameters<BernoulliFamily.Components> back = (MixtureParameters<BernoulliFamily.Components>) in.readObject();
            BernoulliFamily.Counts counts = (BernoulliFamily.Counts) in.readObject();
            assertThat(back.logLikelihood(data)).isEqualTo(params.logLikelihood(data));
            assertThat(counts.sx).containsExactly(counts(new BernoulliFamily(), params.components(), data, 0, 50).sx);
        }
    }
}
