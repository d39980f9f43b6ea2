package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.Gaussian;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the {@code hmm-*.json} fixtures (format: fixtures/README.md at the repository root). */
final class HmmFixtures {

    static final List<String> NAMES = List.of("hmm-casino-categorical", "hmm-gaussian-1d-2state",
            "hmm-gaussian-2d-3state-full");

    final Map<String, Object> json;
    final String name;
    final boolean categorical;
    final Sequences sequences;
    final HmmParameters init;
    final int iterations;
    final double tolerance;
    final Map<String, Object> expected;
    final Map<String, Object> trained;

    private HmmFixtures(String name) {
        try {
            this.json = Json.read(Json.fixtures().resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.name = name;
        this.categorical = json.get("emission").equals("categorical");
        this.sequences = categorical ? Sequences.ofSymbols(Json.intMatrix(json.get("sequences")))
                : Sequences.ofVectors(Json.cube(json.get("sequences")));
        this.init = parameters(Json.asObject(json.get("init")));
        this.iterations = ((Double) json.get("iterations")).intValue();
        this.tolerance = (Double) json.get("tolerance");
        this.expected = Json.asObject(json.get("expected"));
        this.trained = Json.asObject(expected.get("trained"));
    }

    static HmmFixtures load(String name) {
        return new HmmFixtures(name);
    }

    HmmParameters parameters(Map<String, Object> p) {
        double[] start = Json.vector(p.get("startProb"));
        double[][] transitions = Json.matrix(p.get("transitions"));
        Map<String, Object> e = Json.asObject(p.get("emissions"));
        Emission emission;
        if (categorical) {
            emission = CategoricalEmission.of(Json.matrix(e.get("probs")));
        } else {
            double[][] means = Json.matrix(e.get("means"));
            double[][][] covariances = Json.cube(e.get("covariances"));
            List<Gaussian> gaussians = new ArrayList<>();
            for (int s = 0; s < means.length; s++) {
                gaussians.add(Gaussian.of(means[s], Matrix.of(covariances[s])));
            }
            emission = GaussianEmission.of(gaussians);
        }
        return HmmParameters.of(start, transitions, emission);
    }

    /** |a - e| <= tolerance * max|expected| for every element (the fixtures' rule). */
    static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance * scale));
        }
    }

    static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] flatten(double[][][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(x -> java.util.Arrays.stream(flatten(x))).toArray();
    }
}
