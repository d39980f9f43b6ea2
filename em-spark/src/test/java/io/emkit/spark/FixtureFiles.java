package io.emkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The fixtures as the command line reads them: data CSVs, start models, and the fixtures' tolerance rule. */
public final class FixtureFiles {

    /** The JSON reader of the tests. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private FixtureFiles() {}

    /** The fixture files whose names start with {@code prefix}, sorted. */
    public static List<Path> list(String prefix) throws IOException {
        String folder = System.getProperty("emkit.fixtures.dir");
        assertThat(folder).as("system property emkit.fixtures.dir").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    public static JsonNode read(Path fixture) throws IOException {
        return JSON.readTree(fixture.toFile());
    }

    /** A GMM fixture's data as a CSV without header, one row per line. */
    public static String gmmCsv(JsonNode c) {
        StringBuilder csv = new StringBuilder();
        for (JsonNode row : c.get("data")) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(Double.toString(v.doubleValue())));
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** A GMM fixture's start as an em model file. */
    public static String gmmInit(JsonNode c) {
        ObjectNode init = (ObjectNode) c.get("init").deepCopy();
        init.put("kind", "gmm");
        init.put("covarianceType", c.get("covarianceType").asText());
        return init.toString();
    }

    /**
     * An HMM fixture's sequences as a sequence CSV: {@code id,observation...} rows, with a header for
     * categorical data ({@code seq,roll}).
     */
    public static String hmmCsv(JsonNode c) {
        boolean categorical = c.get("emission").asText().equals("categorical");
        StringBuilder text = new StringBuilder(categorical ? "seq,roll\n" : "");
        JsonNode sequences = c.get("sequences");
        for (int s = 0; s < sequences.size(); s++) {
            for (JsonNode obs : sequences.get(s)) {
                text.append(s);
                if (obs.isArray()) {
                    for (JsonNode v : obs) {
                        text.append(',').append(categorical ? Integer.toString(v.asInt())
                                : Double.toString(v.doubleValue()));
                    }
                } else {
                    text.append(',').append(obs.asInt());
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** An HMM fixture's start as an em model file. */
    public static String hmmInit(JsonNode c) {
        ObjectNode init = (ObjectNode) c.get("init").deepCopy();
        init.put("kind", "hmm");
        init.put("emission", c.get("emission").asText());
        return init.toString();
    }

    /** The fixtures' rule: |a - e| <= tolerance * max|e| over the expected array. */
    public static void assertClose(String what, JsonNode actual, JsonNode expected, double tolerance) {
        assertThat(actual).as(what).isNotNull();
        List<Double> a = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        flatten(actual, a);
        flatten(expected, e);
        assertThat(a).as(what + " size").hasSameSizeAs(e);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.size(); i++) {
            assertThat(Math.abs(a.get(i) - e.get(i))).as(what + "[" + i + "]").isLessThanOrEqualTo(tolerance * scale);
        }
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.doubleValue());
        }
    }
}
