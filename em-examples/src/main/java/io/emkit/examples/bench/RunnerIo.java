package io.emkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the peer runners share: their {@code --option value} arguments and the output JSON's frame. */
final class RunnerIo {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunnerIo() {}

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException if an argument that should be a name does not start with --
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** @throws IllegalArgumentException naming the missing option */
    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    /** The fields every output starts with, in the harness's order ("Runner interface"). */
    static Map<String, Object> output(String task, double fitSeconds, int iterations, String notes,
            double logLikelihood) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("peer", "emkit");
        output.put("version", "0.2.0-SNAPSHOT");
        output.put("task", task);
        output.put("fit_seconds", fitSeconds);
        output.put("iterations", iterations);
        output.put("used_given_init", true);
        output.put("fixed_iterations", true);
        output.put("notes", notes);
        output.put("log_likelihood", logLikelihood);
        return output;
    }

    static void write(Path out, Map<String, Object> output) throws IOException {
        JSON.writeValue(out.toFile(), output);
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }
}
