package io.emkit.spark.ml;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.io.model.ModelFiles;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.spark.SparkExecutor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * emkit's Gaussian mixture as a Spark ML {@link Estimator}: fits a {@link EmkitGaussianMixtureModel} to
 * a column of feature vectors with EM run by a {@link SparkExecutor} (E-steps on the cluster, in log
 * space, every covariance type, restarts). Usable in a {@code Pipeline} after a {@code VectorAssembler},
 * and with {@code ParamGridBuilder} (every setting is a {@link Param}).
 *
 * <p>Rows are cut into chunks of {@code chunkSize} in the DataFrame's order, so the fit equals a local
 * {@code GaussianMixtureModel} fit of the collected rows with the same chunk size bit for bit when
 * the start is the same: always with {@code initialModel}, and with k-means++ initialisation when
 * there are at most {@value #SAMPLE_ROWS} rows (initialisation runs on the driver on all rows, or on
 * a sample of about that many). Parameters: {@code featuresCol} (default "features"),
 * {@code predictionCol} ("prediction"), {@code probabilityCol} ("probability"), {@code k} (2),
 * {@code maxIter} (100), {@code tol} (1e-3, on the mean per-row log-likelihood), {@code seed} (0),
 * {@code covarianceType} ("full"), {@code regCovar} (1e-6), {@code restarts} (1), {@code chunkSize}
 * (4096), {@code initialModel} (emkit model JSON; "" to initialise).
 */
public final class EmkitGaussianMixture extends Estimator<EmkitGaussianMixtureModel>
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** Most rows that initialisation sees on the driver. */
    public static final int SAMPLE_ROWS = 100_000;

    private final String uid;
    private final GmmParams p;

    /** An estimator with a random uid and default parameters. */
    public EmkitGaussianMixture() {
        this(Identifiable$.MODULE$.randomUID("EmkitGaussianMixture"));
    }

    /**
     * An estimator with the given uid (Spark's copy and load use this).
     *
     * @param uid the uid
     */
    public EmkitGaussianMixture(String uid) {
        this.uid = uid;
        this.p = new GmmParams(uid);
        p.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
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

    /** @return the number of components parameter */
    public IntParam k() {
        return p.k;
    }

    /** @return the iteration cap parameter */
    public IntParam maxIter() {
        return p.maxIter;
    }

    /** @return the tolerance parameter */
    public DoubleParam tol() {
        return p.tol;
    }

    /** @return the seed parameter */
    public LongParam seed() {
        return p.seed;
    }

    /** @return the covariance type parameter */
    public Param<String> covarianceType() {
        return p.covarianceType;
    }

    /** @return the covariance regulariser parameter */
    public DoubleParam regCovar() {
        return p.regCovar;
    }

    /** @return the restarts parameter */
    public IntParam restarts() {
        return p.restarts;
    }

    /** @return the chunk size parameter */
    public IntParam chunkSize() {
        return p.chunkSize;
    }

    /** @return the initial model parameter (emkit model JSON, or "") */
    public Param<String> initialModel() {
        return p.initialModel;
    }

    /**
     * @param value the features column
     * @return this
     */
    public EmkitGaussianMixture setFeaturesCol(String value) {
        set(p.featuresCol, value);
        return this;
    }

    /**
     * @param value the prediction column ("" for none)
     * @return this
     */
    public EmkitGaussianMixture setPredictionCol(String value) {
        set(p.predictionCol, value);
        return this;
    }

    /**
     * @param value the probability column ("" for none)
     * @return this
     */
    public EmkitGaussianMixture setProbabilityCol(String value) {
        set(p.probabilityCol, value);
        return this;
    }

    /**
     * @param value the number of components, {@code >= 1}
     * @return this
     */
    public EmkitGaussianMixture setK(int value) {
        set(p.k, value);
        return this;
    }

    /**
     * @param value the iteration cap, {@code >= 1}
     * @return this
     */
    public EmkitGaussianMixture setMaxIter(int value) {
        set(p.maxIter, value);
        return this;
    }

    /**
     * @param value the tolerance, {@code >= 0} (0 runs exactly maxIter iterations)
     * @return this
     */
    public EmkitGaussianMixture setTol(double value) {
        set(p.tol, value);
        return this;
    }

    /**
     * @param value the seed
     * @return this
     */
    public EmkitGaussianMixture setSeed(long value) {
        set(p.seed, value);
        return this;
    }

    /**
     * @param value full, diag, spherical or tied
     * @return this
     */
    public EmkitGaussianMixture setCovarianceType(String value) {
        set(p.covarianceType, value);
        return this;
    }

    /**
     * @param value the covariance regulariser, {@code >= 0}
     * @return this
     */
    public EmkitGaussianMixture setRegCovar(double value) {
        set(p.regCovar, value);
        return this;
    }

    /**
     * @param value independent starts, {@code >= 1}
     * @return this
     */
    public EmkitGaussianMixture setRestarts(int value) {
        set(p.restarts, value);
        return this;
    }

    /**
     * @param value rows per chunk, {@code >= 1}
     * @return this
     */
    public EmkitGaussianMixture setChunkSize(int value) {
        set(p.chunkSize, value);
        return this;
    }

    /**
     * @param json a start as emkit Gaussian-mixture JSON (as {@code em gmm fit} writes), or "" to initialise
     * @return this
     */
    public EmkitGaussianMixture setInitialModel(String json) {
        set(p.initialModel, json);
        return this;
    }

    /**
     * @param start a start with this estimator's k and covariance type
     * @return this
     */
    public EmkitGaussianMixture setInitialModel(GaussianMixture start) {
        return setInitialModel(ModelFiles.toJson(start));
    }

    /**
     * Fits the mixture to the features column.
     *
     * @param dataset rows with a vector features column
     * @return the fitted model, with this estimator's parameters and as its parent
     * @throws IllegalArgumentException if the column is missing or not vectors, the vectors differ in
     *     length or hold non-finite values, or the initial model does not fit the settings
     */
    @Override
    public EmkitGaussianMixtureModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), false);
        String features = $(p.featuresCol);
        int components = (Integer) $(p.k);
        CovarianceType type = CovarianceType.fromName($(p.covarianceType));
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(components).covarianceType(type)
                .regCovar((Double) $(p.regCovar)).build();
        EmOptions options = EmOptions.builder().maxIterations((Integer) $(p.maxIter)).tolerance((Double) $(p.tol))
                .seed((Long) $(p.seed)).restarts((Integer) $(p.restarts)).chunkSize((Integer) $(p.chunkSize)).build();
        GaussianMixture start = initialMixture();
        if (start != null && (start.components() != components || start.covarianceType() != type)) {
            throw new IllegalArgumentException("initialModel has k = " + start.components() + ", "
                    + start.covarianceType().jsonName() + " but the estimator has k = " + components + ", "
                    + type.jsonName());
        }
        JavaRDD<double[]> rows = dataset.select(features).toJavaRDD().map(row -> ((Vector) row.get(0)).toArray());
        JavaSparkContext context = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        EmResult<GaussianMixture> result;
        try (SparkExecutor<io.emkit.core.Dataset> executor = SparkExecutor.ofRows(context, rows, options.chunkSize(),
                Math.max(2, context.defaultParallelism()), SAMPLE_ROWS, options.seed(),
                SparkExecutor.Merge.CHUNK_ORDER)) {
            if (start != null && start.dimension() != executor.data().dimension()) {
                throw new IllegalArgumentException("initialModel has d = " + start.dimension()
                        + " but the features have " + executor.data().dimension() + " values");
            }
            result = Em.fit(model, executor, start, options);
        }
        EmkitGaussianMixtureModel fitted = new EmkitGaussianMixtureModel(uid, result.parameters(),
                result.logLikelihood(), result.iterations());
        copyValues(fitted, extractParamMap());
        fitted.setParent(this);
        return fitted;
    }

    private GaussianMixture initialMixture() {
        String json = $(p.initialModel);
        if (json == null || json.isBlank()) {
            return null;
        }
        return ModelFiles.parse(json, "initialModel", GaussianMixture.class);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return GmmParams.outputSchema(schema, $(p.featuresCol), $(p.predictionCol), $(p.probabilityCol));
    }

    @Override
    public EmkitGaussianMixture copy(ParamMap extra) {
        return (EmkitGaussianMixture) defaultCopy(extra);
    }

    /**
     * Spark ML's reader (params only).
     *
     * @return a reader
     */
    public static MLReader<EmkitGaussianMixture> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved by {@code write().save(path)}.
     *
     * @param path the folder
     * @return the estimator
     */
    public static EmkitGaussianMixture load(String path) {
        return read().load(path);
    }
}
