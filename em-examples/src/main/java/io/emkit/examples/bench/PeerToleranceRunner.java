package io.emkit.examples.bench;

import io.emkit.core.Acceleration;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * emkit's side of {@code em-examples/peers/acceleration_bench.py}: one full-covariance Gaussian-mixture
 * fit <em>to a tolerance</em> (not a fixed iteration count, unlike {@link PeerGmmRunner}) from the
 * harness's given parameters, plain or SQUAREM, with the E-steps it spent.
 *
 * <p>Usage: {@code PeerToleranceRunner --data X.npy --init X.init.json --tol 1e-10
 * --accelerate none|squarem [--reg-covar 1e-6] [--threads 2] [--max-iter 100000] [--warm 2] --out out.json}.
 * The tolerance is emkit's default rule (absolute change of the mean per-sample log-likelihood).
 * {@code fit_seconds} is the first fit in this fresh JVM (JIT warm-up included, as the harness's
 * protocol times it), {@code fit_cpu_seconds} the JVM's CPU time over that fit (all threads, the JIT
 * compiler's too); {@code warm_seconds} is the fastest of {@code --warm} further identical fits
 * (0 of them: {@code null}).
 */
public final class PeerToleranceRunner {

    private PeerToleranceRunner() {}

    /**
     * Runs the fit and writes the harness's output JSON with {@code e_steps}, {@code converged},
     * {@code fit_cpu_seconds} and {@code warm_seconds} added.
     *
     * @param args the options above
     * @throws IOException if a file cannot be read or written
     * @throws IllegalArgumentException if an option is missing or malformed
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunnerIo.options(args);
        double tolerance = Double.parseDouble(RunnerIo.required(options, "tol"));
        Acceleration acceleration = Acceleration.valueOf(
                RunnerIo.required(options, "accelerate").toUpperCase(Locale.ROOT));
        double regCovar = Double.parseDouble(options.getOrDefault("reg-covar", "1e-6"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int maxIterations = Integer.parseInt(options.getOrDefault("max-iter", "100000"));
        int warm = Integer.parseInt(options.getOrDefault("warm", "2"));
        Path out = Path.of(RunnerIo.required(options, "out"));

        GaussianMixture init = PeerGmmRunner.readInit(
                RunnerIo.JSON.readTree(Path.of(RunnerIo.required(options, "init")).toFile()));
        Dataset data = PeerGmmRunner.readNpy(Path.of(RunnerIo.required(options, "data")), init.dimension());
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(init.components())
                .covarianceType(CovarianceType.FULL).regCovar(regCovar).build();
        EmOptions emOptions = EmOptions.builder().tolerance(tolerance).maxIterations(maxIterations)
                .threads(threads).acceleration(acceleration).build();

        long cpuBegin = processCpuNanos();
        long begin = System.nanoTime();
        FittedGaussianMixture fit = model.fit(data, init, emOptions);
        double seconds = (System.nanoTime() - begin) * 1e-9;
        double cpuSeconds = (processCpuNanos() - cpuBegin) * 1e-9;
        Double warmSeconds = null;
        for (int r = 0; r < warm; r++) {
            long again = System.nanoTime();
            model.fit(data, init, emOptions);
            double s = (System.nanoTime() - again) * 1e-9;
            warmSeconds = warmSeconds == null ? s : Math.min(warmSeconds, s);
        }

        Map<String, Object> output = RunnerIo.output("gmm", seconds, fit.result().iterations(),
                "emkit " + acceleration.name().toLowerCase(Locale.ROOT) + ", tol " + tolerance
                        + " (absolute, mean per-sample); threads=" + threads + "; reg_covar=" + regCovar,
                fit.logLikelihood());
        output.put("fixed_iterations", false);
        output.put("e_steps", fit.result().eSteps());
        output.put("converged", fit.result().converged());
        output.put("fit_cpu_seconds", cpuSeconds);
        output.put("warm_seconds", warmSeconds);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("weights", fit.weights());
        params.put("means", fit.means());
        params.put("covariances", fit.mixture().fullCovariances());
        output.put("params", params);
        RunnerIo.write(out, output);
    }

    /** CPU time of the whole JVM (all threads, JIT compiler included), or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : -1;
    }
}
