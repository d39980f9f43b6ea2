package io.emkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * emkit's runner for the peer benchmark (the steering repository's peers/README.md, "Runner interface"), tasks
 * {@code hmm-gaussian} and {@code hmm-categorical}.
 *
 * <p>Reads {@code --data} (the harness's {@code .npy} copy, as the other runners do) or {@code --csv}
 * (one sequence per row, comma-separated; symbols or numbers) and
 * {@code --init} ({"start", "trans", "emission": {"type": "gaussian", "means", "variances"} or
 * {"type": "categorical", "probs"}}), runs exactly {@code --iters} Baum-Welch iterations from the given
 * parameters with {@code --threads} E-step threads (Gaussian: no covariance regulariser, like
 * pomegranate), and writes the output JSON. {@code fit_seconds} times only the fit, in a fresh JVM
 * with no warm-up, as the protocol asks.
 *
 * <p>Usage: {@code PeerHmmRunner --task hmm-gaussian --data X.npy --init X.init.json --iters 50
 * --threads 2 --out out.json}
 */
public final class PeerHmmRunner {

    private PeerHmmRunner() {}

    /**
     * Runs one fit.
     *
     * @param args {@code --task}, {@code --data} or {@code --csv}, {@code --init --iters --threads --out}
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunnerIo.options(args);
        String task = RunnerIo.required(options, "task");
        boolean categorical;
        if (task.equals("hmm-categorical")) {
            categorical = true;
        } else if (task.equals("hmm-gaussian")) {
            categorical = false;
        } else {
            throw new IllegalArgumentException("unsupported task '" + task + "' (hmm-gaussian, hmm-categorical)");
        }
        int iterations = Integer.parseInt(RunnerIo.required(options, "iters"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        Path out = Path.of(RunnerIo.required(options, "out"));

        HmmParameters init = readInit(RunnerIo.JSON.readTree(Path.of(RunnerIo.required(options, "init")).toFile()),
                categorical);
        Sequences data = options.containsKey("data") ? readNpy(Path.of(options.get("data")), categorical)
                : readCsv(Path.of(RunnerIo.required(options, "csv")), categorical);
        BaumWelch model = BaumWelch.builder().states(init.states())
                .emission(categorical ? EmissionFamily.categorical(((CategoricalEmission) init.emission()).symbols())
                        : EmissionFamily.gaussian(CovarianceType.FULL, 0.0))
                .build();
        EmOptions emOptions = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();

        long begin = System.nanoTime();
        EmResult<HmmParameters> result = Em.fit(model, data, init, emOptions);
        double seconds = (System.nanoTime() - begin) * 1e-9;

        Map<String, Object> output = RunnerIo.output(task, seconds, result.iterations(), "threads=" + threads
                + "; cold JVM, no warm-up; Gaussian: no regCovar; each iteration's E-step also yields the"
                + " log-likelihood", result.logLikelihood());
        output.put("params", params(result.parameters(), categorical));
        RunnerIo.write(out, output);
    }

    static HmmParameters readInit(JsonNode init, boolean categorical) {
        double[] start = RunnerIo.vector(init.get("start"));
        double[][] trans = RunnerIo.matrix(init.get("trans"));
        JsonNode emission = init.get("emission");
        if (categorical) {
            return HmmParameters.of(start, trans, CategoricalEmission.of(RunnerIo.matrix(emission.get("probs"))));
        }
        double[] means = RunnerIo.vector(emission.get("means"));
        double[] variances = RunnerIo.vector(emission.get("variances"));
        List<Gaussian> gaussians = new ArrayList<>();
        for (int s = 0; s < means.length; s++) {
            gaussians.add(Gaussian.of(new double[] {means[s]}, Matrix.of(new double[][] {{variances[s]}})));
        }
        return HmmParameters.of(start, trans, GaussianEmission.of(gaussians));
    }

    /** One sequence per row of the harness's {@code .npy} copy (int32 symbols or float64 values). */
    static Sequences readNpy(Path npy, boolean categorical) throws IOException {
        Npy array = Npy.read(npy);
        int length = array.columns();
        if (categorical) {
            int[][] symbols = new int[array.rows()][length];
            for (int r = 0; r < symbols.length; r++) {
                for (int t = 0; t < length; t++) {
                    symbols[r][t] = (int) array.values()[r * length + t];
                }
            }
            return Sequences.ofSymbols(symbols);
        }
        double[][] values = new double[array.rows()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = Arrays.copyOfRange(array.values(), r * length, (r + 1) * length);
        }
        return Sequences.ofScalars(values);
    }

    static Sequences readCsv(Path csv, boolean categorical) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.trim().split(","));
                }
            }
        }
        if (categorical) {
            int[][] symbols = new int[rows.size()][];
            for (int r = 0; r < symbols.length; r++) {
                String[] fields = rows.get(r);
                symbols[r] = new int[fields.length];
                for (int t = 0; t < fields.length; t++) {
                    symbols[r][t] = Integer.parseInt(fields[t].trim());
                }
            }
            return Sequences.ofSymbols(symbols);
        }
        double[][] values = new double[rows.size()][];
        for (int r = 0; r < values.length; r++) {
            String[] fields = rows.get(r);
            values[r] = new double[fields.length];
            for (int t = 0; t < fields.length; t++) {
                values[r][t] = Double.parseDouble(fields[t].trim());
            }
        }
        return Sequences.ofScalars(values);
    }

    private static Map<String, Object> params(HmmParameters p, boolean categorical) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("start", p.startProbabilities().toArray());
        params.put("trans", p.transitions().toArray());
        Map<String, Object> emission = new LinkedHashMap<>();
        if (categorical) {
            emission.put("type", "categorical");
            emission.put("probs", ((CategoricalEmission) p.emission()).toArray());
        } else {
            GaussianEmission g = (GaussianEmission) p.emission();
            double[] means = new double[g.states()];
            double[] variances = new double[g.states()];
            for (int s = 0; s < means.length; s++) {
                means[s] = g.gaussian(s).mean()[0];
                variances[s] = g.gaussian(s).covariance().get(0, 0);
            }
            emission.put("type", "gaussian");
            emission.put("means", means);
            emission.put("variances", variances);
        }
        params.put("emission", emission);
        return params;
    }
}
