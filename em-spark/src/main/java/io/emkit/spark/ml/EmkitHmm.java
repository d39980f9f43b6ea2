package io.emkit.spark.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.io.model.ModelFiles;
import io.emkit.io.model.SavedModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import io.emkit.spark.ChunkCodec;
import io.emkit.spark.SparkErrors;
import io.emkit.spark.SparkExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
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
 * emkit's hidden Markov model (Baum-Welch) as a Spark ML {@link Estimator}: fits an {@link EmkitHmmModel}
 * to a column of observation sequences, one sequence per row, with the E-steps run on the cluster by a
 * {@link SparkExecutor}. Usable in a {@code Pipeline} and with {@code ParamGridBuilder} (every setting
 * is a {@link Param}); from Java, chain the setters.
 *
 * <p><b>Columns.</b> {@code sequenceCol} (default "sequence") holds, for {@code emission = "gaussian"},
 * {@code array<double>} (one number per step) or {@code array<vector>} (d numbers per step); for
 * {@code "categorical"}, {@code array<int>}/{@code array<long>} (symbol ids 0..m-1) or {@code array<string>}
 * (symbol names; the vocabulary is every distinct name in order of first appearance in the DataFrame's
 * order, or the initial model's {@code "symbols"}). Null or empty sequences, null steps and values that are
 * not finite are errors naming the row and step.
 *
 * <p><b>Exactness.</b> The sequences are collected to the driver in the DataFrame's order (initialisation
 * and validation need them whole, as in a local fit), cut into chunks of whole sequences of about
 * {@code chunkSize} steps, and the chunks' statistics are merged in chunk order, so the fit equals a local
 * {@code BaumWelch} fit of the same sequences with the same options bit for bit, at any partitioning.
 *
 * <p>Parameters (defaults are those of {@code em hmm fit}): {@code sequenceCol}, {@code predictionCol}
 * ("prediction"), {@code posteriorCol} ("" = none), {@code states} (2), {@code emission} ("gaussian"),
 * {@code covariance} ("full"), {@code maxIter} (100), {@code tol} (1e-3, on the mean per-step
 * log-likelihood), {@code seed} (0), {@code regCovar} (1e-6), {@code restarts} (1), {@code chunkSize}
 * (4096), {@code initialModel} (emkit HMM JSON; "" to initialise: random stochastic rows, and k-means
 * means for gaussian emissions).
 */
public final class EmkitHmm extends Estimator<EmkitHmmModel> implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final HmmParams p;

    /** An estimator with a random uid and default parameters. */
    public EmkitHmm() {
        this(Identifiable$.MODULE$.randomUID("EmkitHmm"));
    }

    /**
     * An estimator with the given uid (Spark's copy and load use this).
     *
     * @param uid the uid
     */
    public EmkitHmm(String uid) {
        this.uid = uid;
        this.p = new HmmParams(uid);
        p.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the sequenceCol parameter (sequence column) */
    public Param<String> sequenceCol() {
        return p.sequenceCol;
    }

    /** @return the predictionCol parameter (decoded-path column ("" for none)) */
    public Param<String> predictionCol() {
        return p.predictionCol;
    }

    /** @return the posteriorCol parameter (posteriors column ("" for none)) */
    public Param<String> posteriorCol() {
        return p.posteriorCol;
    }

    /** @return the states parameter (number of hidden states) */
    public IntParam states() {
        return p.states;
    }

    /** @return the emission parameter (gaussian or categorical) */
    public Param<String> emission() {
        return p.emission;
    }

    /** @return the covariance parameter (gaussian covariance) */
    public Param<String> covariance() {
        return p.covariance;
    }

    /** @return the maxIter parameter (iteration cap) */
    public IntParam maxIter() {
        return p.maxIter;
    }

    /** @return the tol parameter (tolerance on mean per-step log-likelihood) */
    public DoubleParam tol() {
        return p.tol;
    }

    /** @return the seed parameter (seed) */
    public LongParam seed() {
        return p.seed;
    }

    /** @return the regCovar parameter (covariance regulariser) */
    public DoubleParam regCovar() {
        return p.regCovar;
    }

    /** @return the restarts parameter (independent starts) */
    public IntParam restarts() {
        return p.restarts;
    }

    /** @return the chunkSize parameter (steps per chunk) */
    public IntParam chunkSize() {
        return p.chunkSize;
    }

    /** @return the initialModel parameter (a start as emkit HMM JSON (as {@code em hmm fit} writes it)) */
    public Param<String> initialModel() {
        return p.initialModel;
    }

    /**
     * @param value the sequence column
     * @return this
     */
    public EmkitHmm setSequenceCol(String value) {
        set(p.sequenceCol, value);
        return this;
    }

    /**
     * @param value the decoded-path column ("" for none)
     * @return this
     */
    public EmkitHmm setPredictionCol(String value) {
        set(p.predictionCol, value);
        return this;
    }

    /**
     * @param value the posteriors column ("" for none)
     * @return this
     */
    public EmkitHmm setPosteriorCol(String value) {
        set(p.posteriorCol, value);
        return this;
    }

    /**
     * @param value the number of hidden states, {@code >= 1}
     * @return this
     */
    public EmkitHmm setStates(int value) {
        set(p.states, value);
        return this;
    }

    /**
     * @param value gaussian or categorical
     * @return this
     */
    public EmkitHmm setEmission(String value) {
        set(p.emission, value);
        return this;
    }

    /**
     * @param value the gaussian covariance: full, diag, spherical or tied
     * @return this
     */
    public EmkitHmm setCovariance(String value) {
        set(p.covariance, value);
        return this;
    }

    /**
     * @param value the iteration cap, {@code >= 1}
     * @return this
     */
    public EmkitHmm setMaxIter(int value) {
        set(p.maxIter, value);
        return this;
    }

    /**
     * @param value the tolerance on the mean per-step log-likelihood, {@code >= 0} (0 runs exactly maxIter iterations)
     * @return this
     */
    public EmkitHmm setTol(double value) {
        set(p.tol, value);
        return this;
    }

    /**
     * @param value the seed
     * @return this
     */
    public EmkitHmm setSeed(long value) {
        set(p.seed, value);
        return this;
    }

    /**
     * @param value the covariance regulariser, {@code >= 0}
     * @return this
     */
    public EmkitHmm setRegCovar(double value) {
        set(p.regCovar, value);
        return this;
    }

    /**
     * @param value independent starts, {@code >= 1}
     * @return this
     */
    public EmkitHmm setRestarts(int value) {
        set(p.restarts, value);
        return this;
    }

    /**
     * @param value steps per chunk, {@code >= 1}
     * @return this
     */
    public EmkitHmm setChunkSize(int value) {
        set(p.chunkSize, value);
        return this;
    }

    /**
     * @param value a start as emkit HMM JSON (as {@code em hmm fit} writes it), or "" to initialise
     * @return this
     */
    public EmkitHmm setInitialModel(String value) {
        set(p.initialModel, value);
        return this;
    }

    /**
     * @param start a start with this estimator's number of states and emission kind
     * @return this
     */
    public EmkitHmm setInitialModel(HmmParameters start) {
        return setInitialModel(ModelFiles.toJson(start));
    }

    /**
     * Fits the model to the sequence column.
     *
     * @param dataset rows with a sequence column of a type that suits {@code emission}
     * @return the fitted model, with this estimator's parameters and as its parent
     * @throws IllegalArgumentException if the column is missing or of the wrong type, a sequence is
     *     null, empty or holds a bad value, there are fewer observations than states, or the initial
     *     model does not fit the settings or the data
     */
    @Override
    public EmkitHmmModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), false);
        String column = $(p.sequenceCol);
        int states = (Integer) $(p.states);
        boolean categorical = $(p.emission).equals("categorical");
        CovarianceType type = CovarianceType.fromName($(p.covariance));
        SequenceColumn.Kind kind = SequenceColumn.kindOf(dataset.schema().apply(column).dataType());
        List<Object> raws = collect(dataset, column, kind);
        Initial initial = initial(categorical);
        List<String> vocabulary = kind != SequenceColumn.Kind.STRINGS ? null
                : initial != null ? initial.symbols() : SequenceColumn.vocabulary(raws);
        if (initial != null && kind == SequenceColumn.Kind.STRINGS && vocabulary == null) {
            throw new IllegalArgumentException("column " + column + " holds string symbols but initialModel has"
                    + " integer symbols (no \"symbols\" list); give the model's symbols or integer sequences");
        }
        Sequences sequences = SequenceColumn.sequences(kind, raws, vocabulary, column, 0);
        if (states > sequences.totalLength()) {
            throw new IllegalArgumentException("states (" + states + ") exceeds the number of observations ("
                    + sequences.totalLength() + ") in column " + column);
        }
        int symbols = 0;
        if (categorical) {
            symbols = vocabulary != null ? vocabulary.size() : sequences.maxSymbol() + 1;
        }
        HmmParameters start = initial == null ? null : initial.parameters();
        if (start != null) {
            symbols = checkStart(start, states, categorical, type, symbols, sequences, column);
        }
        EmissionFamily family = categorical ? EmissionFamily.categorical(symbols)
                : EmissionFamily.gaussian(type, (Double) $(p.regCovar), EmissionFamily.GaussianStart.KMEANS);
        BaumWelch model = BaumWelch.builder().states(states).emission(family).build();
        EmOptions options = options();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        EmResult<HmmParameters> result;
        try (SparkExecutor<Sequences> executor = SparkExecutor.of(context, sequences, ChunkCodec.sequences(),
                options)) {
            result = Em.fit(model, executor, start, options);
        }
        EmkitHmmModel fitted = new EmkitHmmModel(uid, result.parameters(), vocabulary, result.logLikelihood(),
                result.iterations());
        copyValues(fitted, extractParamMap());
        fitted.setParent(this);
        return fitted;
    }

    /** The options these parameters give, as {@code em hmm fit} builds them. */
    EmOptions options() {
        return EmOptions.builder().maxIterations((Integer) $(p.maxIter)).tolerance((Double) $(p.tol))
                .seed((Long) $(p.seed)).restarts((Integer) $(p.restarts)).chunkSize((Integer) $(p.chunkSize))
                .build();
    }

    /** The sequences of the column in the DataFrame's order, as plain arrays (checked on the workers). */
    private static List<Object> collect(Dataset<?> dataset, String column, SequenceColumn.Kind kind) {
        List<Object> raws = new ArrayList<>();
        try {
            for (Object raw : dataset.select(column).toJavaRDD().zipWithIndex()
                    .map(t -> SequenceColumn.raw(kind, t._1().isNullAt(0) ? null : t._1().getList(0), column, t._2()))
                    .collect()) {
                raws.add(raw);
            }
        } catch (Exception e) { // Spark throws SparkException (checked) without declaring it
            throw SparkErrors.rethrown(e, "reading column " + column);
        }
        if (raws.isEmpty()) {
            throw new IllegalArgumentException("column " + column + " has no rows: nothing to fit");
        }
        return raws;
    }

    /** The checked start; returns the alphabet size to fit (the model's, for categorical emissions). */
    private static int checkStart(HmmParameters start, int states, boolean categorical, CovarianceType type,
            int symbols, Sequences sequences, String column) {
        if (start.states() != states) {
            throw new IllegalArgumentException("initialModel has " + start.states() + " states but states is "
                    + states);
        }
        if (categorical != (start.emission() instanceof CategoricalEmission)
                || !categorical && !(start.emission() instanceof GaussianEmission)) {
            throw new IllegalArgumentException("initialModel's emissions are not " + (categorical ? "categorical"
                    : "gaussian") + "; give a model of the estimator's emission");
        }
        if (categorical) {
            int modelSymbols = ((CategoricalEmission) start.emission()).symbols();
            if (modelSymbols < symbols) {
                throw new IllegalArgumentException("column " + column + ": symbol " + (symbols - 1)
                        + " is outside initialModel's alphabet 0.." + (modelSymbols - 1));
            }
            return modelSymbols;
        }
        GaussianEmission gaussian = (GaussianEmission) start.emission();
        if (gaussian.covarianceType() != type) {
            throw new IllegalArgumentException("initialModel has " + gaussian.covarianceType().jsonName()
                    + " covariances but covariance is " + type.jsonName());
        }
        int d = gaussian.gaussian(0).dimension();
        if (d != sequences.dimension()) {
            throw new IllegalArgumentException("column " + column + ": observations have d = "
                    + sequences.dimension() + " but initialModel has d = " + d);
        }
        return 0;
    }

    /** A start and its string symbols (null for integer symbols). */
    record Initial(HmmParameters parameters, List<String> symbols) {}

    private Initial initial(boolean categorical) {
        String json = $(p.initialModel);
        if (json == null || json.isBlank()) {
            return null;
        }
        SavedModel.Hmm saved = ModelFiles.parse(json, "initialModel", SavedModel.Hmm.class);
        return new Initial(saved.parameters(), saved.symbols().isEmpty() ? null : saved.symbols());
    }

    static ObjectNode parse(String json, String source) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return HmmParams.outputSchema(schema, $(p.sequenceCol), $(p.emission), $(p.predictionCol),
                $(p.posteriorCol));
    }

    @Override
    public EmkitHmm copy(ParamMap extra) {
        return (EmkitHmm) defaultCopy(extra);
    }

    /**
     * Spark ML's reader (params only).
     *
     * @return a reader
     */
    public static MLReader<EmkitHmm> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved by {@code write().save(path)}.
     *
     * @param path the folder
     * @return the estimator
     */
    public static EmkitHmm load(String path) {
        return read().load(path);
    }
}
