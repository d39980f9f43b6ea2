package io.emkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.EmOptions;
import io.emkit.latent.lda.Documents;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LatentDirichletAllocation;
import io.emkit.latent.lda.LdaParameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * emkit's side of the LDA comparison run by {@code em-examples/peers/lda_bench.py}: reads a
 * {@code doc,term,count} CSV with integer term ids and an init JSON ({@code topicWord},
 * {@code docTopicPrior}, {@code topicWordPrior}), runs exactly {@code --iters} batch EM iterations with
 * inner tolerance {@code --inner-tol} on {@code --threads} threads, and prints one JSON line with
 * {@code fit_seconds} (the fit only, fresh JVM, no warm-up), {@code cpu_seconds} (the CPU time the whole
 * process spent during the fit: workers, JIT compiler and GC threads) and the final bound.
 *
 * <p>Usage: {@code LdaBench --csv dtm.csv --init init.json --iters 10 --inner-tol 1e-3 --threads 2}
 */
public final class LdaBench {

    private LdaBench() {}

    /**
     * Runs one fit.
     *
     * @param args see the class comment
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunnerIo.options(args);
        JsonNode init = new ObjectMapper().readTree(Path.of(RunnerIo.required(options, "init")).toFile());
        JsonNode topicWord = init.get("topicWord");
        double[][] lambda = new double[topicWord.size()][];
        for (int k = 0; k < lambda.length; k++) {
            lambda[k] = new double[topicWord.get(k).size()];
            for (int w = 0; w < lambda[k].length; w++) {
                lambda[k][w] = topicWord.get(k).get(w).doubleValue();
            }
        }
        double alpha = init.get("docTopicPrior").doubleValue();
        double eta = init.get("topicWordPrior").doubleValue();
        List<String> terms = new ArrayList<>();
        for (int w = 0; w < lambda[0].length; w++) {
            terms.add(Integer.toString(w));
        }
        Documents.Builder builder = Documents.builder(terms);
        try (BufferedReader reader = Files.newBufferedReader(Path.of(RunnerIo.required(options, "csv")),
                StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                builder.add(cells[0], cells[1], Double.parseDouble(cells[2]));
            }
        }
        Documents documents = builder.build();
        int iterations = Integer.parseInt(RunnerIo.required(options, "iters"));
        double innerTolerance = Double.parseDouble(options.getOrDefault("inner-tol", "1e-3"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(lambda.length)
                .docTopicPrior(alpha).topicWordPrior(eta).innerTolerance(innerTolerance).build();
        LdaParameters start = LdaParameters.of(lambda, alpha, eta);
        long cpuBegin = processCpuNanos();
        long begin = System.nanoTime();
        FittedLda fitted = model.fit(documents, start,
                EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build());
        double seconds = (System.nanoTime() - begin) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBegin) / 1e9;
        System.out.printf(Locale.ROOT, "{\"fit_seconds\": %.4f, \"cpu_seconds\": %.4f, \"bound\": %s, \"documents\": %d,"
                + " \"terms\": %d}%n", seconds, cpuSeconds, Double.toString(fitted.result().orElseThrow().logLikelihood()),
                documents.size(), documents.vocabularySize());
    }

    /** CPU time of the whole JVM process (all threads), or -1 if the platform does not report it. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : -1;
    }
}
