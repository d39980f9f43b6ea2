package io.emkit.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML estimator against the local fit, in a Pipeline, saved and loaded. */
class EmkitGaussianMixtureTest {

    private static SparkSession spark;
    private static double[][] rows;
    private static Dataset<Row> frame;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", "EmkitGaussianMixtureTest");
        SplittableRandom random = new SplittableRandom(9);
        rows = new double[900][];
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int j = i % 3;
            rows[i] = new double[] {4 * j + random.nextGaussian(), (j == 1 ? 5 : 0) + 0.5 * random.nextGaussian()};
            list.add(RowFactory.create(rows[i][0], rows[i][1], "row" + i));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("name", DataTypes.StringType);
        frame = spark.createDataFrame(list, schema).coalesce(2); // coalesce keeps the rows in order
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static VectorAssembler assembler() {
        return new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features");
    }

    @Test
    void pipelineFitEqualsTheLocalFitAndPredictsItsLabels() {
        EmkitGaussianMixture gmm = new EmkitGaussianMixture().setK(3).setCovarianceType("diag").setMaxIter(20)
                .setTol(0).setSeed(4).setChunkSize(128);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler(), gmm}).fit(frame);
        EmkitGaussianMixtureModel model = (EmkitGaussianMixtureModel) fitted.stages()[1];

        FittedGaussianMixture local = GaussianMixtureModel.builder().components(3)
                .covarianceType(CovarianceType.DIAGONAL).build()
                .fit(io.emkit.core.Dataset.of(rows), EmOptions.builder().maxIterations(20).tolerance(0).seed(4)
                        .chunkSize(128).build());
        assertThat(model.logLikelihood()).isEqualTo(local.logLikelihood());
        assertThat(model.mixture().means()).isEqualTo(local.mixture().means());
        assertThat(model.mixture().weights()).isEqualTo(local.mixture().weights());
        assertThat(model.iterations()).isEqualTo(20);

        List<Row> out = fitted.transform(frame).select("prediction", "probability").collectAsList();
        int[] labels = local.mixture().labels(io.emkit.core.Dataset.of(rows));
        double[][] proba = local.mixture().responsibilities(io.emkit.core.Dataset.of(rows));
        for (int i = 0; i < rows.length; i++) {
            assertThat(out.get(i).getInt(0)).isEqualTo(labels[i]);
            double[] got = ((Vector) out.get(i).get(1)).toArray();
            for (int j = 0; j < 3; j++) { // one row at a time vs a block: the same formula, other rounding
                assertThat(got[j]).isCloseTo(proba[i][j], org.assertj.core.data.Offset.offset(1e-13));
            }
        }
    }

    @Test
    void initialModelStartsFromThoseParametersForEveryCovarianceType() {
        Dataset<Row> features = assembler().transform(frame);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture start = GaussianMixtureModel.builder().components(2).covarianceType(type).build()
                    .fit(io.emkit.core.Dataset.of(rows), EmOptions.builder().maxIterations(1).build()).mixture();
            EmkitGaussianMixtureModel model = new EmkitGaussianMixture().setK(2).setCovarianceType(type.jsonName())
                    .setInitialModel(start).setMaxIter(5).setTol(0).fit(features);
            FittedGaussianMixture local = GaussianMixtureModel.builder().components(2).covarianceType(type).build()
                    .fit(io.emkit.core.Dataset.of(rows), start, EmOptions.builder().maxIterations(5).tolerance(0)
                            .build());
            assertThat(model.logLikelihood()).as(type.jsonName()).isEqualTo(local.logLikelihood());
            assertThat(model.mixture().fullCovariances()).isEqualTo(local.mixture().fullCovariances());
        }
    }

    @Test
    void modelAndPipelineSurviveSaveAndLoad() throws Exception {
        EmkitGaussianMixture gmm = new EmkitGaussianMixture().setK(3).setMaxIter(10).setPredictionCol("cluster");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler(), gmm});
        PipelineModel fitted = pipeline.fit(frame);
        EmkitGaussianMixtureModel model = (EmkitGaussianMixtureModel) fitted.stages()[1];

        String modelPath = dir.resolve("model").toString();
        model.write().save(modelPath);
        EmkitGaussianMixtureModel loaded = EmkitGaussianMixtureModel.load(modelPath);
        assertThat(loaded.uid()).isEqualTo(model.uid());
        assertThat(loaded.mixture().means()).isEqualTo(model.mixture().means());
        assertThat(loaded.mixture().fullCovariances()).isEqualTo(model.mixture().fullCovariances());
        assertThat(loaded.logLikelihood()).isEqualTo(model.logLikelihood());
        assertThat(loaded.getOrDefault(loaded.predictionCol())).isEqualTo("cluster");
        assertThat(loaded.getOrDefault(loaded.k())).isEqualTo(3);

        String pipelinePath = dir.resolve("pipeline").toString();
        fitted.write().save(pipelinePath);
        PipelineModel reloaded = PipelineModel.load(pipelinePath);
        List<Row> before = fitted.transform(frame).select("cluster").collectAsList();
        List<Row> after = reloaded.transform(frame).select("cluster").collectAsList();
        assertThat(after).isEqualTo(before);

        String estimatorPath = dir.resolve("estimator").toString();
        gmm.write().save(estimatorPath);
        EmkitGaussianMixture estimator = EmkitGaussianMixture.load(estimatorPath);
        assertThat(estimator.getOrDefault(estimator.maxIter())).isEqualTo(10);
    }

    @Test
    void paramsWorkWithParamGridBuilderAndCopy() {
        EmkitGaussianMixture gmm = new EmkitGaussianMixture();
        ParamMap[] grid = new ParamGridBuilder().addGrid(gmm.k(), new int[] {2, 3})
                .addGrid(gmm.covarianceType(), scala.jdk.javaapi.CollectionConverters.asScala(List.of("full", "tied")))
                .build();
        assertThat(grid).hasSize(4);
        EmkitGaussianMixture copy = gmm.copy(grid[3]);
        assertThat(copy.getOrDefault(copy.k())).isEqualTo(3);
        assertThat(copy.getOrDefault(copy.covarianceType())).isEqualTo("tied");
        assertThat(gmm.getOrDefault(gmm.k())).isEqualTo(2);
        assertThat(gmm.params()).extracting(p -> p.name()).contains("featuresCol", "predictionCol",
                "probabilityCol", "k", "maxIter", "tol", "seed", "initialModel", "covarianceType");
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> new EmkitGaussianMixture().setFeaturesCol("a").fit(frame))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VectorAssembler");
        assertThatThrownBy(() -> new EmkitGaussianMixture().setCovarianceType("banana"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covarianceType");
        GaussianMixture start = GaussianMixture.full(new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0}, {0, 1}}});
        assertThatThrownBy(() -> new EmkitGaussianMixture().setK(2).setInitialModel(start)
                .fit(assembler().transform(frame)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialModel has k = 1");
    }
}
