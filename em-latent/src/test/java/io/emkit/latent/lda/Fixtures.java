package io.emkit.latent.lda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the scikit-learn fixtures of ../fixtures/lda (made by make_lda_fixtures.py). */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/lda").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture folder " + dir + " is missing");
        }
        return dir;
    }

    static JsonNode read(String name) {
        try {
            return JSON.readTree(dir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static double[] vector(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static double[][] matrix(JsonNode array) {
        double[][] out = new double[array.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(array.get(i));
        }
        return out;
    }

    /** The fixture's documents as arrays over its term list. */
    static Documents documents(JsonNode fixture) {
        JsonNode docs = fixture.get("documents");
        int[][] ids = new int[docs.size()][];
        double[][] counts = new double[docs.size()][];
        for (int d = 0; d < docs.size(); d++) {
            JsonNode doc = docs.get(d);
            ids[d] = new int[doc.size()];
            counts[d] = new double[doc.size()];
            for (int j = 0; j < doc.size(); j++) {
                ids[d][j] = doc.get(j).get(0).intValue();
                counts[d][j] = doc.get(j).get(1).doubleValue();
            }
        }
        return Documents.of(strings(fixture.get("terms")), ids, counts);
    }

    /** The fixture's documents through the triple builder, terms as strings. */
    static Documents documentsFromTriples(JsonNode fixture) {
        List<String> terms = strings(fixture.get("terms"));
        JsonNode docs = fixture.get("documents");
        Documents.Builder builder = Documents.builder();
        for (int d = 0; d < docs.size(); d++) {
            for (JsonNode entry : docs.get(d)) {
                builder.add("doc" + d, terms.get(entry.get(0).intValue()), entry.get(1).doubleValue());
            }
        }
        return builder.build();
    }
}
