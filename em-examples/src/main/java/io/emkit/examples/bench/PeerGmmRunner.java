package io.emkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * emkit's runner for the peer benchmark (the steering repository's peers/README.md, "Runner interface"), task
 * {@code gmm}.
 *
 * <p>Reads {@code --data} (the harness's {@code .npy} copy, as the other runners do) or {@code --csv}
 * (one row per point, comma-separated, no header) and {@code --init}
 * ({"weights": [k], "means": [k][d], "covariances": [k][d][d]}), runs exactly {@code --iters} EM
 * iterations of a full-covariance mixture from the given parameters with {@code --reg-covar} and
 * {@code --threads} E-step threads, and writes the output JSON. {@code fit_seconds} times only the fit,
 * in a fresh JVM with no warm-up, as the protocol asks.
 *
 * <p>Usage: {@code PeerGmmRunner --data X.npy --init X.init.json --iters 20 --reg-covar 1e-6
 * --threads 2 --out out.json}
 */
public final class PeerGmmRunner {

    private PeerGmmRunner() {}

    /**
     * Runs one fit.
     *
     * @param args {@code --data} or {@code --csv}, {@code --init --iters --reg-covar --threads --out} ({@code --task gmm} accepted)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunnerIo.options(args);
        String task = options.getOrDefault("task", "gmm");
        if (!task.equals("gmm")) {
            throw new IllegalArgumentException("unsupported task '" + task + "' (gmm)");
        }

        int iterations = Integer.parseInt(RunnerIo.required(options, "iters"));
        double regCovar = Double.parseDouble(options.getOrDefault("reg-covar", "1e-6"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        Path out = Path.of(RunnerIo.required(options, "out"));

        GaussianMixture init = readInit(RunnerIo.JSON.readTree(Path.of(RunnerIo.required(options, "init")).toFile()));
        Dataset data = options.containsKey("data") ? readNpy(Path.of(options.get("data")), init.dimension())
                : readCsv(Path.of(RunnerIo.required(options, "csv")), init.dimension());
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(init.components())
                .covarianceType(CovarianceType.FULL).regCovar(regCovar).build();
        EmOptions emOptions = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();

        long begin = System.nanoTime();
        FittedGaussianMixture fit = model.fit(data, init, emOptions);
        double seconds = (System.nanoTime() - begin) * 1e-9;

        Map<String, Object> output = RunnerIo.output(task, seconds, fit.result().iterations(), "threads=" + threads
                + "; reg_covar=" + regCovar + "; cold JVM, no warm-up; one E-step per iteration plus the initial one",
                fit.logLikelihood());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("weights", fit.weights());
        params.put("means", fit.means());
        params.put("covariances", fit.mixture().fullCovariances());
        output.put("params", params);
        RunnerIo.write(out, output);
    }

    static GaussianMixture readInit(JsonNode node) {
        double[] weights = RunnerIo.vector(node.get("weights"));
        JsonNode meansNode = node.get("means");
        double[][] means = new double[meansNode.size()][];
        for (int j = 0; j < means.length; j++) {
            means[j] = RunnerIo.vector(meansNode.get(j));
        }
        JsonNode covNode = node.get("covariances");
        double[][][] covariances = new double[covNode.size()][][];
        for (int j = 0; j < covariances.length; j++) {
            JsonNode m = covNode.get(j);
            covariances[j] = new double[m.size()][];
            for (int a = 0; a < m.size(); a++) {
                covariances[j][a] = RunnerIo.vector(m.get(a));
            }
        }
        return GaussianMixture.full(weights, means, covariances);
    }

    static Dataset readNpy(Path npy, int d) throws IOException {
        Npy array = Npy.read(npy);
        if (array.columns() != d) {
            throw new IllegalArgumentException(npy + " has " + array.columns() + " columns; expected " + d);
        }
        return Dataset.ofRowMajor(array.values(), array.rows(), d);
    }

    /** Reads comma-separated rows straight into one row-major array (no per-row arrays kept). */
    static Dataset readCsv(Path csv, int d) throws IOException {
        double[] values = new double[1 << 16];
        int count = 0;
        int rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int start = 0;
                int fields = 0;
                while (true) {
                    int comma = line.indexOf(',', start);
                    String field = comma < 0 ? line.substring(start) : line.substring(start, comma);
                    if (count == values.length) {
                        values = java.util.Arrays.copyOf(values, values.length * 2);
                    }
                    values[count++] = Double.parseDouble(field.trim());
                    fields++;
                    if (comma < 0) {
                        break;
                    }
                    start = comma + 1;
                }
                if (fields != d) {
                    throw new IllegalArgumentException(csv + " row " + rows + " has " + fields + " values; expected "
                            + d);
                }
                rows++;
            }
        }
        return Dataset.ofRowMajor(java.util.Arrays.copyOf(values, count), rows, d);
    }
}
