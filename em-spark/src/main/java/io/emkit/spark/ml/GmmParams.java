package io.emkit.spark.ml;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The parameters the estimator and its model share, made for one owner's uid. */
final class GmmParams {
    final Param<String> featuresCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final IntParam k;
    final IntParam maxIter;
    final DoubleParam tol;
    final LongParam seed;
    final Param<String> covarianceType;
    final DoubleParam regCovar;
    final IntParam restarts;
    final IntParam chunkSize;
    final Param<String> initialModel;

    GmmParams(String uid) {
        featuresCol = new Param<>(uid, "featuresCol", "features column name (vectors)");
        predictionCol = new Param<>(uid, "predictionCol", "prediction column name (the most probable component)");
        probabilityCol = new Param<>(uid, "probabilityCol", "column of the component probabilities (vectors)");
        k = new IntParam(uid, "k", "number of components (> 0)", ParamValidators.gt(0));
        maxIter = new IntParam(uid, "maxIter", "iteration cap per run (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(uid, "tol", "stop when the mean per-row log-likelihood changes by less (>= 0)",
                ParamValidators.gtEq(0));
        seed = new LongParam(uid, "seed", "random seed");
        covarianceType = new Param<>(uid, "covarianceType", "full, diag, spherical or tied",
                ParamValidators.inArray(new String[] {"full", "diag", "spherical", "tied"}));
        regCovar = new DoubleParam(uid, "regCovar", "added to every covariance diagonal after each M-step (>= 0)",
                ParamValidators.gtEq(0));
        restarts = new IntParam(uid, "restarts", "independent starts, the best log-likelihood wins (>= 1)",
                ParamValidators.gtEq(1));
        chunkSize = new IntParam(uid, "chunkSize", "rows per E-step chunk (>= 1); equal chunk sizes give equal"
                + " bits to a local fit", ParamValidators.gtEq(1));
        initialModel = new Param<>(uid, "initialModel", "a start as emkit Gaussian-mixture JSON (empty: initialise)");
    }

    /** Spark ML's and emkit's defaults. */
    void setDefaults(Params owner) {
        owner.setDefault(featuresCol, "features");
        owner.setDefault(predictionCol, "prediction");
        owner.setDefault(probabilityCol, "probability");
        owner.setDefault(k, 2);
        owner.setDefault(maxIter, 100);
        owner.setDefault(tol, 1e-3);
        owner.setDefault(seed, 0L);
        owner.setDefault(covarianceType, "full");
        owner.setDefault(regCovar, 1e-6);
        owner.setDefault(restarts, 1);
        owner.setDefault(chunkSize, io.emkit.core.EmOptions.DEFAULT_CHUNK_SIZE);
        owner.setDefault(initialModel, "");
    }

    /** The input schema with the prediction and probability columns appended. */
    static StructType outputSchema(StructType schema, String features, String prediction, String probability) {
        StructField field = schema.apply(features);
        if (!field.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("column " + features + " must hold vectors (VectorUDT), not "
                    + field.dataType().simpleString() + "; assemble it with a VectorAssembler");
        }
        StructType out = schema;
        if (!prediction.isEmpty()) {
            out = out.add(prediction, DataTypes.IntegerType, false);
        }
        if (!probability.isEmpty()) {
            out = out.add(probability, SQLDataTypes.VectorType(), false);
        }
        return out;
    }
}
