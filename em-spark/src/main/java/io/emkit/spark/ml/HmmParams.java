package io.emkit.spark.ml;

import io.emkit.core.EmOptions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The parameters {@link EmkitHmm} and {@link EmkitHmmModel} share, made for one owner's uid. */
final class HmmParams {
    final Param<String> sequenceCol;
    final Param<String> predictionCol;
    final Param<String> posteriorCol;
    final IntParam states;
    final Param<String> emission;
    final Param<String> covariance;
    final IntParam maxIter;
    final DoubleParam tol;
    final LongParam seed;
    final DoubleParam regCovar;
    final IntParam restarts;
    final IntParam chunkSize;
    final Param<String> initialModel;

    HmmParams(String uid) {
        sequenceCol = new Param<>(uid, "sequenceCol", "sequence column: array<double> or array<vector> (gaussian),"
                + " array<int>, array<long> or array<string> (categorical)");
        predictionCol = new Param<>(uid, "predictionCol", "column of the Viterbi state path (array<int>; empty: none)");
        posteriorCol = new Param<>(uid, "posteriorCol", "column of the state posteriors per step (array<vector>;"
                + " empty: none)");
        states = new IntParam(uid, "states", "number of hidden states (> 0)", ParamValidators.gt(0));
        emission = new Param<>(uid, "emission", "gaussian or categorical",
                ParamValidators.inArray(new String[] {"gaussian", "categorical"}));
        covariance = new Param<>(uid, "covariance", "gaussian emissions' covariance: full, diag, spherical or tied",
                ParamValidators.inArray(new String[] {"full", "diag", "spherical", "tied"}));
        maxIter = new IntParam(uid, "maxIter", "iteration cap per run (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "stop when the mean per-step log-likelihood changes by less (>= 0)",
                ParamValidators.gtEq(0));
        seed = new LongParam(uid, "seed", "random seed");
        regCovar = new DoubleParam(uid, "regCovar", "added to every gaussian covariance diagonal after each M-step"
                + " (>= 0)", ParamValidators.gtEq(0));
        restarts = new IntParam(uid, "restarts", "independent starts, the best log-likelihood wins (>= 1)",
                ParamValidators.gtEq(1));
        chunkSize = new IntParam(uid, "chunkSize", "steps per E-step chunk of whole sequences (>= 1); equal chunk"
                + " sizes give equal bits to a local fit", ParamValidators.gtEq(1));
        initialModel = new Param<>(uid, "initialModel", "a start as emkit HMM JSON, as em hmm fit writes it"
                + " (empty: initialise)");
    }

    /** emkit's defaults (those of {@code em hmm fit}). */
    void setDefaults(Params owner) {
        owner.setDefault(sequenceCol, "sequence");
        owner.setDefault(predictionCol, "prediction");
        owner.setDefault(posteriorCol, "");
        owner.setDefault(states, 2);
        owner.setDefault(emission, "gaussian");
        owner.setDefault(covariance, "full");
        owner.setDefault(maxIter, EmOptions.DEFAULT_MAX_ITERATIONS);
        owner.setDefault(tol, EmOptions.DEFAULT_TOLERANCE);
        owner.setDefault(seed, EmOptions.DEFAULT_SEED);
        owner.setDefault(regCovar, 1e-6);
        owner.setDefault(restarts, EmOptions.DEFAULT_RESTARTS);
        owner.setDefault(chunkSize, EmOptions.DEFAULT_CHUNK_SIZE);
        owner.setDefault(initialModel, "");
    }

    /**
     * Checks that the sequence column suits the emission and appends the output columns.
     *
     * @throws IllegalArgumentException naming the column, its type and what it must be
     */
    static StructType outputSchema(StructType schema, String column, String emission, String prediction,
            String posterior) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("sequenceCol \"" + column + "\" is not a column; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        StructField field = schema.apply(column);
        SequenceColumn.Kind kind = SequenceColumn.kindOf(field.dataType());
        boolean categorical = emission.equals("categorical");
        if (kind == null || kind.categorical() != categorical) {
            throw new IllegalArgumentException("column " + column + " holds " + field.dataType().simpleString()
                    + " but " + emission + " emissions need "
                    + (categorical ? "array<int>, array<long> or array<string>"
                            : "array<double> or array<vector> (assemble each step's values into a vector)")
                    + "; choose another sequenceCol or emission");
        }
        StructType out = schema;
        if (!prediction.isEmpty()) {
            out = out.add(prediction, DataTypes.createArrayType(DataTypes.IntegerType, false), true);
        }
        if (!posterior.isEmpty()) {
            out = out.add(posterior, DataTypes.createArrayType(SQLDataTypes.VectorType(), false), true);
        }
        return out;
    }

    /** Whether a type is an array of the given element type. */
    static boolean arrayOf(DataType type, DataType element) {
        return type instanceof ArrayType array && array.elementType().equals(element);
    }
}
