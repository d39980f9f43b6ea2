package io.emkit.examples.jmh;

import io.emkit.core.Em;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Baum-Welch E-step (emission densities, scaled forward-backward, expected transitions and
 * emission statistics) of a 1-D Gaussian HMM with S states over 10 sequences of 500 steps, on one
 * thread. Arithmetic: about {@code 3·T·S²} multiply-adds (forward, backward, transitions).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=2"})
public class ForwardBackwardBenchmark {

    /** Number of hidden states. */
    @Param({"3", "16", "64"})
    public int states;

    private BaumWelch model;
    private HmmParameters start;
    private Sequences data;

    /** Seeded observations wandering over the states' means, and a sticky start. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        int s = states;
        double[][] sequences = new double[10][500];
        for (double[] sequence : sequences) {
            int state = random.nextInt(s);
            for (int t = 0; t < sequence.length; t++) {
                if (random.nextDouble() < 0.1) {
                    state = random.nextInt(s);
                }
                sequence[t] = state + 0.3 * random.nextGaussian();
            }
        }
        data = Sequences.ofScalars(sequences);
        double[] pi = new double[s];
        double[][] a = new double[s][s];
        List<Gaussian> emissions = new ArrayList<>();
        for (int i = 0; i < s; i++) {
            pi[i] = 1.0 / s;
            for (int j = 0; j < s; j++) {
                a[i][j] = i == j ? 0.5 + 0.5 / s : 0.5 / s;
            }
            emissions.add(Gaussian.of(new double[] {i + 0.1}, Matrix.of(new double[][] {{0.2}})));
        }
        start = HmmParameters.of(pi, a, GaussianEmission.of(emissions));
        model = BaumWelch.builder().states(s).emission(EmissionFamily.gaussian(CovarianceType.FULL, 0.0)).build();
    }

    /**
     * One E-step over all sequences on one thread.
     *
     * @return the statistics, so the work is not dead code
     */
    @Benchmark
    public Object eStep() {
        return Em.expect(model, start, data, 1);
    }
}
