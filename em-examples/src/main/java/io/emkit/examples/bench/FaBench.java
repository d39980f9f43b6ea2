package io.emkit.examples.bench;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.latent.factor.FactorAnalysis;
import io.emkit.latent.factor.FactorParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * emkit's side of the factor-analysis comparison run by {@code em-examples/peers/fa_bench.py}: reads an
 * {@code n × d} float64 {@code .npy}, fits {@link FactorAnalysis} with {@code --factors} factors to the
 * tolerance {@code --tol} on the total log-likelihood (scikit-learn's convention, so the driver's
 * per-sample tolerance is {@code tol / n}) on {@code --threads} threads, and prints one JSON line with
 * {@code fit_seconds} (the fit only, fresh JVM, no warm-up), the iterations, the log-likelihood and
 * {@code W Wᵀ + Ψ} as a flat row-major array (so the script can compare it with scikit-learn's).
 *
 * <p>Usage: {@code FaBench --npy x.npy --factors 5 --tol 1e-2 --threads 2}
 */
public final class FaBench {

    private FaBench() {}

    /**
     * Runs one fit.
     *
     * @param args see the class comment
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunnerIo.options(args);
        Npy x = Npy.read(Path.of(RunnerIo.required(options, "npy")));
        int q = Integer.parseInt(RunnerIo.required(options, "factors"));
        double tol = Double.parseDouble(options.getOrDefault("tol", "1e-2"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        long begin = System.nanoTime();
        Dataset data = Dataset.ofRowMajor(x.values(), x.rows(), x.columns());
        EmResult<FactorParameters> result = FactorAnalysis.builder().factors(q).build().fit(data,
                EmOptions.builder().tolerance(tol / x.rows()).maxIterations(100_000).threads(threads).build());
        double seconds = (System.nanoTime() - begin) / 1e9;
        StringBuilder cov = new StringBuilder();
        double[] c = result.parameters().covariance().toRowMajor();
        for (int i = 0; i < c.length; i++) {
            cov.append(i == 0 ? "" : ",").append(Double.toString(c[i]));
        }
        System.out.printf(Locale.ROOT, "{\"fit_seconds\": %.4f, \"iterations\": %d, \"logLikelihood\": %s,"
                + " \"covariance\": [%s]}%n", seconds, result.iterations(), Double.toString(result.logLikelihood()), cov);
    }
}
