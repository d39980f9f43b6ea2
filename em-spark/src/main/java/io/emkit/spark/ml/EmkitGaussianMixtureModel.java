package io.emkit.spark.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.io.model.ModelFiles;
import io.emkit.gmm.GaussianMixture;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted emkit Gaussian mixture as a Spark ML {@link Model}: {@link #transform} appends the most
 * probable component ({@code predictionCol}, an integer from 0) and the component probabilities
 * ({@code probabilityCol}, a vector of k) of each row's features, computed in log space. Saved as Spark
 * ML's parameter metadata (so {@code PipelineModel.load} finds it) plus the mixture as emkit model JSON
 * in {@code path/model} (the format {@code em gmm fit} writes).
 */
public final class EmkitGaussianMixtureModel extends Model<EmkitGaussianMixtureModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final GmmParams p;
    private final GaussianMixture mixture;
    private final double logLikelihood;
    private final int iterations;

    EmkitGaussianMixtureModel(String uid, GaussianMixture mixture, double logLikelihood, int iterations) {
        this.uid = uid;
        this.p = new GmmParams(uid);
        p.setDefaults(this);
        this.mixture = Objects.requireNonNull(mixture, "mixture");
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * The fitted mixture.
     *
     * @return the parameters (immutable)
     */
    public GaussianMixture mixture() {
        return mixture;
    }

    /**
     * The training data's total log-likelihood under {@link #mixture()} (NaN for a model loaded from a
     * file that does not record it).
     *
     * @return the log-likelihood, in nats
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * EM iterations of the best run.
     *
     * @return a count
     */
    public int iterations() {
        return iterations;
    }

    /** @return the features column parameter */
    public Param<String> featuresCol() {
        return p.featuresCol;
    }

    /** @return the prediction column parameter */
    public Param<String> predictionCol() {
        return p.predictionCol;
    }

    /** @return the probability column parameter */
    public Param<String> probabilityCol() {
        return p.probabilityCol;
    }

    /** @return the number of components parameter (as fitted) */
    public IntParam k() {
        return p.k;
    }

    /** @return the iteration cap parameter (as fitted) */
    public IntParam maxIter() {
        return p.maxIter;
    }

    /** @return the tolerance parameter (as fitted) */
    public DoubleParam tol() {
        return p.tol;
    }

    /** @return the seed parameter (as fitted) */
    public LongParam seed() {
        return p.seed;
    }

    /** @return the covariance type parameter (as fitted) */
    public Param<String> covarianceType() {
        return p.covarianceType;
    }

    /** @return the covariance regulariser parameter (as fitted) */
    public DoubleParam regCovar() {
        return p.regCovar;
    }

    /** @return the restarts parameter (as fitted) */
    public IntParam restarts() {
        return p.restarts;
    }

    /** @return the chunk size parameter (as fitted) */
    public IntParam chunkSize() {
        return p.chunkSize;
    }

    /** @return the initial model parameter (as fitted) */
    public Param<String> initialModel() {
        return p.initialModel;
    }

    /**
     * @param value the features column
     * @return this
     */
    public EmkitGaussianMixtureModel setFeaturesCol(String value) {
        set(p.featuresCol, value);
        return this;
    }

    /**
     * @param value the prediction column ("" for none)
     * @return this
     */
    public EmkitGaussianMixtureModel setPredictionCol(String value) {
        set(p.predictionCol, value);
        return this;
    }

    /**
     * @param value the probability column ("" for none)
     * @return this
     */
    public EmkitGaussianMixtureModel setProbabilityCol(String value) {
        set(p.probabilityCol, value);
        return this;
    }

    /**
     * Appends the prediction and probability columns.
     *
     * @param dataset rows with the features column (vectors of the mixture's dimension)
     * @return the rows with the new columns
     * @throws IllegalArgumentException if the features column is missing or not vectors
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), false);
        GaussianMixture m = mixture;
        Column features = dataset.col($(p.featuresCol));
        Dataset<Row> out = dataset.toDF();
        String prediction = $(p.predictionCol);
        String probability = $(p.probabilityCol);
        if (!probability.isEmpty()) {
            UserDefinedFunction proba = functions.udf(
                    (UDF1<Vector, Vector>) v -> Vectors.dense(probabilities(m, v)), SQLDataTypes.VectorType());
            out = out.withColumn(probability, proba.apply(features));
        }
        if (!prediction.isEmpty()) {
            UserDefinedFunction label = functions.udf(
                    (UDF1<Vector, Integer>) v -> argMax(probabilities(m, v)), DataTypes.IntegerType);
            out = out.withColumn(prediction, label.apply(features));
        }
        return out;
    }

    private static double[] probabilities(GaussianMixture m, Vector v) {
        return m.responsibilities(io.emkit.core.Dataset.of(new double[][] {v.toArray()}))[0];
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return GmmParams.outputSchema(schema, $(p.featuresCol), $(p.predictionCol), $(p.probabilityCol));
    }

    @Override
    public EmkitGaussianMixtureModel copy(ParamMap extra) {
        EmkitGaussianMixtureModel copy = new EmkitGaussianMixtureModel(uid, mixture, logLikelihood, iterations);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    /**
     * A writer: Spark ML metadata in {@code path/metadata}, the mixture JSON in {@code path/model}.
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /**
     * The reader for {@link #write()}'s folders.
     *
     * @return a reader
     */
    public static MLReader<EmkitGaussianMixtureModel> read() {
        return new Reader();
    }

    /**
     * Loads a model saved by {@code write().save(path)}.
     *
     * @param path the folder
     * @return the model
     */
    public static EmkitGaussianMixtureModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final EmkitGaussianMixtureModel model;

        Writer(EmkitGaussianMixtureModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            ObjectNode json;
            try {
                json = (ObjectNode) new ObjectMapper().readTree(ModelFiles.toJson(model.mixture));
            } catch (IOException e) {
                throw new IllegalStateException("cannot re-read the model JSON emkit wrote", e);
            }
            json.put("logLikelihood", model.logLikelihood);
            json.put("iterations", model.iterations);
            JavaSparkContext.fromSparkContext(sparkSession().sparkContext())
                    .parallelize(List.of(json.toString()), 1).saveAsTextFile(path + "/model");
        }
    }

    private static final class Reader extends MLReader<EmkitGaussianMixtureModel> {
        @Override
        public EmkitGaussianMixtureModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    EmkitGaussianMixtureModel.class.getName());
            String text = String.join("", JavaSparkContext.fromSparkContext(sparkSession().sparkContext())
                    .textFile(path + "/model", 1).collect());
            ObjectNode json;
            try {
                json = (ObjectNode) new ObjectMapper().readTree(text);
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException(path + "/model: not an emkit model JSON object", e);
            }
            GaussianMixture mixture = ModelFiles.parse(text, path + "/model", GaussianMixture.class);
            double ll = json.has("logLikelihood") ? json.get("logLikelihood").asDouble() : Double.NaN;
            int iterations = json.has("iterations") ? json.get("iterations").asInt() : 0;
            EmkitGaussianMixtureModel model = new EmkitGaussianMixtureModel(metadata.uid(), mixture, ll, iterations);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
