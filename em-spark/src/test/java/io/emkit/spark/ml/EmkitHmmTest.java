package io.emkit.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.examples.cli.ModelJson;
import io.emkit.gmm.CovarianceType;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import io.emkit.spark.FixtureFiles;
import io.emkit.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HMM estimator against the fixtures (independent reference values) and against the local
 * {@code BaumWelch} fit (bit for bit), in a Pipeline, saved and loaded. One session serves the class.
 */
class EmkitHmmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", "EmkitHmmTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static JsonNode fixture(String name) throws IOException {
        String folder = System.getProperty("emkit.fixtures.dir");
        assertThat(folder).as("system property emkit.fixtures.dir").isNotNull();
        return JSON.readTree(Path.of(folder, name + ".json").toFile());
    }

    /** The fixture's start as model JSON. */
    private static String initJson(JsonNode c) {
        return FixtureFiles.hmmInit(c);
    }

    /** One row per sequence, shuffled over 3 partitions (transform works row by row in any order). */
    private static Dataset<Row> frame(List<Object> sequences, DataType element) {
        return ordered(sequences, element).repartition(3);
    }

    /** A frame whose rows keep the list's order (what "the DataFrame's order" is for a fit). */
    private static Dataset<Row> ordered(List<Object> sequences, DataType element) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < sequences.size(); r++) {
            rows.add(RowFactory.create("s" + r, sequences.get(r)));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("sequence", DataTypes.createArrayType(element, false));
        return spark.createDataFrame(rows, schema).coalesce(2); // coalesce keeps the rows in order
    }

    private static List<Object> vectorSequences(JsonNode c) {
        List<Object> out = new ArrayList<>();
        for (JsonNode sequence : c.get("sequences")) {
            List<Vector> steps = new ArrayList<>();
            for (JsonNode step : sequence) {
                double[] v = new double[step.size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = step.get(j).doubleValue();
                }
                steps.add(Vectors.dense(v));
            }
            out.add(steps);
        }
        return out;
    }

    private static List<Object> symbolSequences(JsonNode c, boolean strings) {
        List<Object> out = new ArrayList<>();
        for (JsonNode sequence : c.get("sequences")) {
            List<Object> steps = new ArrayList<>();
            for (JsonNode step : sequence) {
                steps.add(strings ? "face" + (step.asInt() + 1) : (Object) step.asInt());
            }
            out.add(steps);
        }
        return out;
    }

    private static int[][] symbolArrays(JsonNode c) {
        int[][] out = new int[c.get("sequences").size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode sequence = c.get("sequences").get(r);
            out[r] = new int[sequence.size()];
            for (int t = 0; t < out[r].length; t++) {
                out[r][t] = sequence.get(t).asInt();
            }
        }
        return out;
    }

    private static void assertClose(String what, double[] actual, JsonNode expected, double tolerance) {
        FixtureFiles.assertClose(what, JSON.valueToTree(actual), expected, tolerance);
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.doubleValue());
        }
    }

    private static double[] flat(Object array) {
        List<Double> out = new ArrayList<>();
        flatten(JSON.valueToTree(array), out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void gaussianFitMatchesTheFixtureAndTheLocalFitBitForBit() throws IOException {
        JsonNode c = fixture("hmm-gaussian-2d-3state-full");
        int iterations = c.get("iterations").asInt();
        EmkitHmm hmm = new EmkitHmm().setStates(3).setEmission("gaussian").setInitialModel(initJson(c))
                .setMaxIter(iterations).setTol(0).setRegCovar(0).setChunkSize(100); // 3 chunks over 2 partitions
        EmkitHmmModel model = hmm.fit(ordered(vectorSequences(c), SQLDataTypes.VectorType()));

        JsonNode trained = c.get("expected").get("trained");
        double tolerance = c.get("tolerance").doubleValue();
        ObjectNode json = ModelJson.toJson(model.parameters());
        assertClose("startProb", model.parameters().startProbabilities().toArray(), trained.get("startProb"),
                tolerance);
        assertClose("transitions", flat(model.parameters().transitions().toArray()), trained.get("transitions"),
                tolerance);
        trained.get("emissions").fieldNames().forEachRemaining(key -> assertClose("emissions." + key,
                flat(JSON.convertValue(json.get("emissions").get(key), Object.class)),
                trained.get("emissions").get(key), tolerance));
        assertClose("logLikelihood", new double[] {model.logLikelihood()}, trained.get("logLikelihood"), tolerance);
        assertThat(model.iterations()).isEqualTo(iterations);

        Sequences local = io.emkit.spark.ChunkCodec.sequences().decode(io.emkit.spark.ChunkCodec.sequences()
                .encode(Sequences.ofVectors(vectorArrays(c))));
        BaumWelch baumWelch = BaumWelch.builder().states(3)
                .emission(EmissionFamily.gaussian(CovarianceType.FULL, 0, EmissionFamily.GaussianStart.KMEANS))
                .build();
        HmmParameters start = io.emkit.io.model.ModelFiles.parse(initJson(c), "init", HmmParameters.class);
        EmResult<HmmParameters> expected = Em.fit(baumWelch, local, start, hmm.options());
        assertThat(model.logLikelihood()).isEqualTo(expected.logLikelihood());
        assertThat(ModelJson.toJson(model.parameters())).isEqualTo(ModelJson.toJson(expected.parameters()));
    }

    private static double[][][] vectorArrays(JsonNode c) {
        double[][][] out = new double[c.get("sequences").size()][][];
        for (int r = 0; r < out.length; r++) {
            JsonNode sequence = c.get("sequences").get(r);
            out[r] = new double[sequence.size()][];
            for (int t = 0; t < out[r].length; t++) {
                out[r][t] = new double[sequence.get(t).size()];
                for (int j = 0; j < out[r][t].length; j++) {
                    out[r][t][j] = sequence.get(t).get(j).doubleValue();
                }
            }
        }
        return out;
    }

    @Test
    void categoricalFitMatchesTheFixtureWithIntegerAndStringSymbols() throws IOException {
        JsonNode c = fixture("hmm-casino-categorical");
        int iterations = c.get("iterations").asInt();
        EmkitHmm hmm = new EmkitHmm().setStates(2).setEmission("categorical").setInitialModel(initJson(c))
                .setMaxIter(iterations).setTol(0).setChunkSize(300);
        EmkitHmmModel integers = hmm.fit(ordered(symbolSequences(c, false), DataTypes.IntegerType));
        JsonNode trained = c.get("expected").get("trained");
        double tolerance = c.get("tolerance").doubleValue();
        double[][] probs = ((CategoricalEmission) integers.parameters().emission()).toArray();
        assertClose("probs", flat(probs), trained.get("emissions").get("probs"), tolerance);
        assertClose("transitions", flat(integers.parameters().transitions().toArray()), trained.get("transitions"),
                tolerance);
        assertClose("logLikelihood", new double[] {integers.logLikelihood()}, trained.get("logLikelihood"),
                tolerance);
        assertThat(integers.symbols()).isEmpty();

        EmResult<HmmParameters> local = Em.fit(BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6))
                .build(), Sequences.ofSymbols(symbolArrays(c)),
                io.emkit.io.model.ModelFiles.parse(initJson(c), "init", HmmParameters.class), hmm.options());
        assertThat(integers.logLikelihood()).isEqualTo(local.logLikelihood());
        assertThat(probs).isEqualTo(((CategoricalEmission) local.parameters().emission()).toArray());

        // String symbols: the start names symbol k "face(k+1)", so ids follow the model, not first appearance.
        ObjectNode named = (ObjectNode) JSON.readTree(initJson(c));
        com.fasterxml.jackson.databind.node.ArrayNode names = named.putArray("symbols");
        for (int k = 1; k <= 6; k++) {
            names.add("face" + k);
        }
        EmkitHmmModel strings = hmm.copy(new org.apache.spark.ml.param.ParamMap()).setInitialModel(named.toString())
                .fit(ordered(symbolSequences(c, true), DataTypes.StringType));
        assertThat(strings.symbols()).containsExactly("face1", "face2", "face3", "face4", "face5", "face6");
        assertThat(((CategoricalEmission) strings.parameters().emission()).toArray()).isEqualTo(probs);
        assertThat(strings.logLikelihood()).isEqualTo(integers.logLikelihood());
    }

    @Test
    void transformDecodesTheFixturesViterbiPathsAndPosteriors() throws IOException {
        JsonNode c = fixture("hmm-casino-categorical");
        HmmParameters init = io.emkit.io.model.ModelFiles.parse(initJson(c), "init", HmmParameters.class);
        EmkitHmmModel model = new EmkitHmmModel("fixed", init, null, Double.NaN, 0);
        model.set(model.emission(), "categorical");
        model.setPosteriorCol("posteriors");
        Dataset<Row> frame = frame(symbolSequences(c, false), DataTypes.IntegerType);
        List<Row> out = model.transform(frame).orderBy("id").select("prediction", "posteriors").collectAsList();
        JsonNode viterbi = c.get("expected").get("viterbi");
        for (int r = 0; r < viterbi.size(); r++) {
            List<Integer> path = out.get(r).getList(0);
            List<Integer> expected = new ArrayList<>();
            viterbi.get(r).forEach(v -> expected.add(v.asInt()));
            assertThat(path).as("sequence %s", r).isEqualTo(expected); // integer results match exactly
        }
        List<Vector> posteriors = out.get(0).getList(1);
        double[] got = posteriors.stream().flatMapToDouble(v -> java.util.Arrays.stream(v.toArray())).toArray();
        assertClose("posteriorsFirstSequence", got, c.get("expected").get("posteriorsFirstSequence"),
                c.get("tolerance").doubleValue());
    }

    @Test
    void pipelineRandomStartEqualsTheLocalFitAndSurvivesSaveAndLoad() throws Exception {
        JsonNode c = fixture("hmm-gaussian-1d-2state");
        List<Object> scalars = new ArrayList<>();
        double[][] arrays = new double[c.get("sequences").size()][];
        for (int r = 0; r < arrays.length; r++) {
            JsonNode sequence = c.get("sequences").get(r);
            arrays[r] = new double[sequence.size()];
            List<Double> steps = new ArrayList<>();
            for (int t = 0; t < arrays[r].length; t++) {
                arrays[r][t] = sequence.get(t).get(0).doubleValue();
                steps.add(arrays[r][t]);
            }
            scalars.add(steps);
        }
        Dataset<Row> frame = ordered(scalars, DataTypes.DoubleType);
        EmkitHmm hmm = new EmkitHmm().setStates(2).setCovariance("diag").setMaxIter(30).setSeed(3).setRestarts(2)
                .setChunkSize(64).setPredictionCol("path");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {hmm}).fit(frame);
        EmkitHmmModel model = (EmkitHmmModel) fitted.stages()[0];
        EmResult<HmmParameters> local = Em.fit(BaumWelch.builder().states(2)
                .emission(EmissionFamily.gaussian(CovarianceType.DIAGONAL, 1e-6, EmissionFamily.GaussianStart.KMEANS))
                .build(), Sequences.ofScalars(arrays), hmm.options());
        assertThat(model.logLikelihood()).isEqualTo(local.logLikelihood());
        assertThat(ModelJson.toJson(model.parameters())).isEqualTo(ModelJson.toJson(local.parameters()));

        String pipelinePath = dir.resolve("pipeline").toString();
        fitted.write().save(pipelinePath);
        PipelineModel reloaded = PipelineModel.load(pipelinePath);
        EmkitHmmModel loaded = (EmkitHmmModel) reloaded.stages()[0];
        assertThat(loaded.uid()).isEqualTo(model.uid());
        assertThat(ModelJson.toJson(loaded.parameters())).isEqualTo(ModelJson.toJson(model.parameters()));
        assertThat(loaded.logLikelihood()).isEqualTo(model.logLikelihood());
        assertThat(loaded.getOrDefault(loaded.covariance())).isEqualTo("diag");
        List<Row> before = fitted.transform(frame).select("path").collectAsList();
        assertThat(reloaded.transform(frame).select("path").collectAsList()).isEqualTo(before);
        assertThat(before).hasSize(arrays.length);
        assertThat(before.get(0).getList(0)).hasSize(arrays[0].length);

        String estimatorPath = dir.resolve("estimator").toString();
        hmm.write().save(estimatorPath);
        EmkitHmm estimator = EmkitHmm.load(estimatorPath);
        assertThat(estimator.getOrDefault(estimator.seed())).isEqualTo(3L);
        assertThat(estimator.getOrDefault(estimator.predictionCol())).isEqualTo("path");
    }

    @Test
    void errorsNameTheColumnTheRowAndTheFix() {
        Dataset<Row> doubles = ordered(List.<Object>of(List.of(1.0, 2.0, 3.0), List.of(0.5, 1.5)),
                DataTypes.DoubleType);
        assertThatThrownBy(() -> new EmkitHmm().setEmission("categorical").fit(doubles))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column sequence holds array<double>").hasMessageContaining("array<string>");
        assertThatThrownBy(() -> new EmkitHmm().setSequenceCol("seq").fit(doubles))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"seq\" is not a column");
        assertThatThrownBy(() -> new EmkitHmm().setEmission("poisson"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emission");
        Dataset<Row> empty = ordered(List.<Object>of(List.of(1.0, 2.0), List.of()), DataTypes.DoubleType);
        assertThatThrownBy(() -> new EmkitHmm().fit(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column sequence row 1: the sequence is empty");

        Dataset<Row> words = ordered(List.<Object>of(List.of("a", "b", "a"), List.of("b", "b")), DataTypes.StringType);
        EmkitHmmModel model = new EmkitHmm().setEmission("categorical").setMaxIter(3).fit(words);
        assertThat(model.symbols()).containsExactly("a", "b");
        Dataset<Row> unknown = ordered(List.<Object>of(List.of("a", "z")), DataTypes.StringType);
        assertThatThrownBy(() -> model.transform(unknown).collectAsList())
                .hasStackTraceContaining("unknown symbol \"z\"");
    }
}
