package io.emkit.spark.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.io.model.ModelFiles;
import io.emkit.io.model.SavedModel;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * A fitted emkit hidden Markov model as a Spark ML {@link Model}: {@link #transform} appends each
 * sequence's most probable state path ({@code predictionCol}, Viterbi, {@code array<int>} of states from 0)
 * and, when {@code posteriorCol} is set, its state posteriors ({@code array<vector>}, one vector of S
 * probabilities per step), computed on the workers in log space or with scaled forward-backward. A string
 * symbol outside the model's vocabulary is an error that names it. Saved as Spark ML's parameter metadata
 * (so {@code PipelineModel.load} finds it) plus the model as emkit HMM JSON in {@code path/model} (the
 * format {@code em hmm fit} writes, with {@code "symbols"} for string symbols).
 */
public final class EmkitHmmModel extends Model<EmkitHmmModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final HmmParams p;
    private final HmmParameters parameters;
    private final List<String> symbols; // null: integer symbols or gaussian
    private final double logLikelihood;
    private final int iterations;

    EmkitHmmModel(String uid, HmmParameters parameters, List<String> symbols, double logLikelihood, int iterations) {
        this.uid = uid;
        this.p = new HmmParams(uid);
        p.setDefaults(this);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.symbols = symbols == null ? null : List.copyOf(symbols);
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * The fitted parameters.
     *
     * @return the parameters (immutable)
     */
    public HmmParameters parameters() {
        return parameters;
    }

    /**
     * The string symbols of a categorical model fitted to {@code array<string>} sequences, in id order.
     *
     * @return the vocabulary (immutable), or an empty list for integer symbols and gaussian emissions
     */
    public List<String> symbols() {
        return symbols == null ? List.of() : symbols;
    }

    /**
     * The training sequences' total log-likelihood under {@link #parameters()} (NaN for a model loaded
     * from a file that does not record it).
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
    public EmkitHmmModel setSequenceCol(String value) {
        set(p.sequenceCol, value);
        return this;
    }

    /**
     * @param value the decoded-path column ("" for none)
     * @return this
     */
    public EmkitHmmModel setPredictionCol(String value) {
        set(p.predictionCol, value);
        return this;
    }

    /**
     * @param value the posteriors column ("" for none)
     * @return this
     */
    public EmkitHmmModel setPosteriorCol(String value) {
        set(p.posteriorCol, value);
        return this;
    }

    /**
     * Appends the decoded paths and, if {@code posteriorCol} is set, the posteriors.
     *
     * @param dataset rows with the sequence column
     * @return the rows with the new columns (a job fails, with the message of the
     *     {@link IllegalArgumentException} below, on a bad sequence)
     * @throws IllegalArgumentException if the sequence column is missing or of a type the emission cannot
     *     read; when the rows are computed: a null, empty or non-finite sequence, an unknown string symbol,
     *     a symbol id outside the alphabet, observations of another dimension, or a sequence of zero
     *     probability (posteriors)
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), false);
        String column = $(p.sequenceCol);
        SequenceColumn.Kind kind = SequenceColumn.kindOf(dataset.schema().apply(column).dataType());
        Scorer scorer = new Scorer(parameters, symbols, kind, column);
        Column sequence = dataset.col(column);
        Dataset<Row> out = dataset.toDF();
        String prediction = $(p.predictionCol);
        String posterior = $(p.posteriorCol);
        if (!prediction.isEmpty()) {
            UserDefinedFunction decode = functions.udf((UDF1<scala.collection.Seq<Object>, int[]>) scorer::decode,
                    DataTypes.createArrayType(DataTypes.IntegerType, false));
            out = out.withColumn(prediction, decode.apply(sequence));
        }
        if (!posterior.isEmpty()) {
            UserDefinedFunction posteriors = functions.udf(
                    (UDF1<scala.collection.Seq<Object>, Vector[]>) scorer::posteriors,
                    DataTypes.createArrayType(SQLDataTypes.VectorType(), false));
            out = out.withColumn(posterior, posteriors.apply(sequence));
        }
        return out;
    }

    /** What the workers run per row: one sequence through the fitted model. */
    private record Scorer(HmmParameters parameters, List<String> symbols, SequenceColumn.Kind kind, String column)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        Sequences one(scala.collection.Seq<Object> values) {
            List<?> list = values == null ? null : scala.jdk.javaapi.CollectionConverters.asJava(values);
            Object raw = SequenceColumn.raw(kind, list, column, -1);
            if (kind == SequenceColumn.Kind.STRINGS && symbols == null) {
                throw new IllegalArgumentException("column " + column + " holds string symbols but the model has"
                        + " integer symbols; transform integer sequences");
            }
            return SequenceColumn.sequences(kind, List.of(raw), symbols, column, -1);
        }

        int[] decode(scala.collection.Seq<Object> values) {
            return FittedHmm.of(parameters).decode(one(values)).get(0).states().toArray();
        }

        Vector[] posteriors(scala.collection.Seq<Object> values) {
            double[][] gamma = FittedHmm.of(parameters).posteriors(one(values), 0);
            Vector[] out = new Vector[gamma.length];
            for (int t = 0; t < gamma.length; t++) {
                out[t] = Vectors.dense(gamma[t]);
            }
            return out;
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return HmmParams.outputSchema(schema, $(p.sequenceCol), $(p.emission), $(p.predictionCol),
                $(p.posteriorCol));
    }

    @Override
    public EmkitHmmModel copy(ParamMap extra) {
        EmkitHmmModel copy = new EmkitHmmModel(uid, parameters, symbols, logLikelihood, iterations);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    /**
     * A writer: Spark ML metadata in {@code path/metadata}, the model JSON in {@code path/model}.
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
    public static MLReader<EmkitHmmModel> read() {
        return new Reader();
    }

    /**
     * Loads a model saved by {@code write().save(path)}.
     *
     * @param path the folder
     * @return the model
     * @throws IllegalArgumentException if {@code path/model} is not an emkit HMM JSON object
     */
    public static EmkitHmmModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final EmkitHmmModel model;

        Writer(EmkitHmmModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            ObjectNode json = EmkitHmm.parse(ModelFiles.toJson(new SavedModel.Hmm(model.parameters,
                    model.symbols == null ? List.of() : model.symbols, Optional.empty())), "model");
            json.put("logLikelihood", model.logLikelihood);
            json.put("iterations", model.iterations);
            JavaSparkContext.fromSparkContext(sparkSession().sparkContext())
                    .parallelize(List.of(json.toString()), 1).saveAsTextFile(path + "/model");
        }
    }

    private static final class Reader extends MLReader<EmkitHmmModel> {
        @Override
        public EmkitHmmModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    EmkitHmmModel.class.getName());
            String text = String.join("", JavaSparkContext.fromSparkContext(sparkSession().sparkContext())
                    .textFile(path + "/model", 1).collect());
            String source = path + "/model";
            ObjectNode json = EmkitHmm.parse(text, source);
            SavedModel.Hmm saved = ModelFiles.parse(text, source, SavedModel.Hmm.class);
            HmmParameters parameters = saved.parameters();
            List<String> symbols = saved.symbols().isEmpty() ? null : saved.symbols();
            double ll = json.has("logLikelihood") ? json.get("logLikelihood").asDouble() : Double.NaN;
            int iterations = json.has("iterations") ? json.get("iterations").asInt() : 0;
            EmkitHmmModel model = new EmkitHmmModel(metadata.uid(), parameters, symbols, ll, iterations);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
