package io.emkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.emkit.core.Acceleration;
import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.examples.data.BundledData;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Time to tolerance, plain EM against SQUAREM ({@link Acceleration}), from the same start: E-steps,
 * iterations, seconds and final log-likelihood side by side (a plain {@code main}, no JMH; each fit
 * is timed 3 times, plain and accelerated interleaved, after a warm-up, and the fastest time is
 * printed; timings on a shared machine stay noisy).
 *
 * <p>Workloads: Old Faithful (bundled) with k = 3 tied covariances from the default k-means start
 * (seed 0); the peer harness's (1e5, 10, 8) full GMM from its {@code init.json} (regCovar 1e-6);
 * the dishonest casino of {@code fixtures/hmm-casino-categorical.json} from its {@code init}.
 *
 * <p>Usage: {@code AccelerationBench [tolerance [harnessDataDir [casinoFixture [threads]]]]}, defaults
 * {@code 1e-10}, {@code /work/shared/peers/data}, {@code fixtures/hmm-casino-categorical.json}, 2.
 * A workload whose files are missing is skipped with a note. Build with
 * {@code mvn -B -Pbench -pl em-examples -am package -DskipTests}, run with
 * {@code java -cp em-examples/target/em.jar io.emkit.examples.bench.AccelerationBench}.
 */
public final class AccelerationBench {

    private static final int MAX_ITERATIONS = 100_000;
    private static final int REPEATS = 3;

    private AccelerationBench() {}

    /**
     * Runs the three workloads.
     *
     * @param args {@code [tolerance [harnessDataDir [casinoFixture [threads]]]]}
     * @throws IOException if a present file cannot be read
     */
    public static void main(String[] args) throws IOException {
        double tolerance = args.length > 0 ? Double.parseDouble(args[0]) : 1e-10;
        Path harness = Path.of(args.length > 1 ? args[1] : "/work/shared/peers/data");
        Path casino = Path.of(args.length > 2 ? args[2] : "fixtures/hmm-casino-categorical.json");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.printf(Locale.ROOT, "tolerance %g (absolute, mean per-sample lnL), %d threads%n", tolerance, threads);
        System.out.printf(Locale.ROOT, "%-28s %-8s %8s %8s %9s %22s %s%n", "workload", "method", "E-steps", "iters",
                "seconds", "logLikelihood", "stop");

        Dataset faithful = Dataset.of(BundledData.oldFaithful().features());
        GaussianMixtureModel tied = GaussianMixtureModel.builder().components(3)
                .covarianceType(CovarianceType.TIED).build();
        GaussianMixture tiedStart = tied.initialize(faithful, new java.util.SplittableRandom(0).split());
        compare("faithful k=3 tied", tied, faithful, tiedStart, tolerance, threads);

        Path npy = harness.resolve("gmm_n100000_d10_k8.npy");
        Path init = harness.resolve("gmm_n100000_d10_k8.init.json");
        if (Files.exists(npy) && Files.exists(init)) {
            Dataset data = PeerGmmRunner.readNpy(npy, 10);
            GaussianMixture start = PeerGmmRunner.readInit(RunnerIo.JSON.readTree(init.toFile()));
            GaussianMixtureModel full = GaussianMixtureModel.builder().components(8)
                    .covarianceType(CovarianceType.FULL).regCovar(1e-6).build();
            compare("harness (1e5,10,8) full", full, data, start, tolerance, threads);
        } else {
            System.out.println("harness (1e5,10,8): " + npy + " missing; run gen_data.py --only gmm_n100000_d10_k8");
        }

        if (Files.exists(casino)) {
            JsonNode root = RunnerIo.JSON.readTree(casino.toFile());
            JsonNode initNode = root.get("init");
            JsonNode seqs = root.get("sequences");
            int[][] sequences = new int[seqs.size()][];
            for (int r = 0; r < sequences.length; r++) {
                sequences[r] = new int[seqs.get(r).size()];
                for (int t = 0; t < sequences[r].length; t++) {
                    sequences[r][t] = seqs.get(r).get(t).asInt();
                }
            }
            HmmParameters start = HmmParameters.of(RunnerIo.vector(initNode.get("startProb")),
                    RunnerIo.matrix(initNode.get("transitions")),
                    CategoricalEmission.of(RunnerIo.matrix(initNode.get("emissions").get("probs"))));
            BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
            compare("casino (fixture init)", model, Sequences.ofSymbols(sequences), start, tolerance, threads);
        } else {
            System.out.println("casino: " + casino + " missing");
        }
    }

    private static <D extends io.emkit.core.Chunkable<D>, P, S extends io.emkit.core.SufficientStatistics<S>> void compare(
            String name, LatentModel<D, P, S> model, D data, P start, double tolerance, int threads) {
        Acceleration[] methods = Acceleration.values();
        EmResult<?>[] results = new EmResult<?>[methods.length];
        double[] best = new double[methods.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (Acceleration acceleration : methods) { // warm-up
            Em.fit(model, data, start, options(tolerance, threads, acceleration).toBuilder().maxIterations(20).build());
        }
        for (int repeat = 0; repeat < REPEATS; repeat++) { // interleaved, the fastest of each kept
            for (int m = 0; m < methods.length; m++) {
                long begin = System.nanoTime();
                results[m] = Em.fit(model, data, start, options(tolerance, threads, methods[m]));
                best[m] = Math.min(best[m], (System.nanoTime() - begin) * 1e-9);
            }
        }
        for (int m = 0; m < methods.length; m++) {
            EmResult<?> result = results[m];
            String ratio = m == 0 ? "" : String.format(Locale.ROOT, "  (E-steps x%.2f, time x%.2f)",
                    (double) result.eSteps() / results[0].eSteps(), best[m] / best[0]);
            System.out.printf(Locale.ROOT, "%-28s %-8s %8d %8d %9.3f %22.12f %s%s%n", name,
                    methods[m].name().toLowerCase(Locale.ROOT), result.eSteps(), result.iterations(), best[m],
                    result.logLikelihood(), result.stopReason(), ratio);
        }
    }

    private static EmOptions options(double tolerance, int threads, Acceleration acceleration) {
        return EmOptions.builder().tolerance(tolerance).maxIterations(MAX_ITERATIONS).threads(threads)
                .acceleration(acceleration).build();
    }
}
