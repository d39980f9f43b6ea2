package io.emkit.spark.bench;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.mixture.MixtureStatistics;
import io.emkit.gmm.GaussianAccumulator;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.spark.ChunkCodec;
import io.emkit.spark.SparkExecutor;
import io.emkit.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.SparkSession;

/**
 * One run of emkit on Spark against Spark MLlib's {@code GaussianMixture} (RDD API, full covariance):
 * the same rows, the same start ({@code setInitialModel}), the same number of EM iterations
 * (MLlib with tolerance 0; emkit with tol 0 and regCovar 0), local mode, the same partition count.
 * Both RDDs are cached and materialised before the clock starts. Prints time per iteration and the
 * final log-likelihood of both (each evaluated by emkit on all rows).
 *
 * <p>Run (after {@code mvn -pl em-spark -am package}): {@code java -Xmx6g <add-opens> -cp
 * em-spark/target/test-classes:em-spark/target/em-spark.jar:em-spark/target/lib/* 
 * io.emkit.spark.bench.MllibComparison [n d k iterations master partitions]}.
 */
public final class MllibComparison {

    private MllibComparison() {}

    /**
     * Runs the comparison.
     *
     * @param args n d k iterations master partitions (defaults 1000000 10 8 5 local[2] 4)
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String master = args.length > 4 ? args[4] : "local[2]";
        int partitions = args.length > 5 ? Integer.parseInt(args[5]) : 4;

        SplittableRandom random = new SplittableRandom(42);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int a = 0; a < d; a++) {
                c[a] = 6 * random.nextGaussian();
            }
        }
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(k);
            for (int a = 0; a < d; a++) {
                values[i * d + a] = centres[j][a] + (1 + 0.1 * a) * random.nextGaussian();
            }
        }
        Dataset data = Dataset.ofRowMajor(values, n, d);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).regCovar(0).build();
        // the start: emkit's k-means++ initialisation on the rows (one M-step from k-means labels)
        GaussianMixture start = model.initialize(data, new SplittableRandom(1));

        SparkSession spark = SparkSessions.start(master, "MllibComparison");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("ERROR");
        try {
            EmOptions options = EmOptions.builder().maxIterations(iterations).tolerance(0).chunkSize(4096).build();
            double emkitSeconds;
            EmResult<GaussianMixture> emkit;
            int chunks;
            try (SparkExecutor<Dataset> executor = SparkExecutor.of(sc, data, ChunkCodec.rows(), 4096, partitions,
                    SparkExecutor.Merge.CHUNK_ORDER)) {
                chunks = executor.chunkCount();
                long t0 = System.nanoTime();
                emkit = Em.fit(model, executor, start, options);
                emkitSeconds = (System.nanoTime() - t0) / 1e9;
            }
            MixtureStatistics<GaussianAccumulator> one = model.expect(emkit.parameters(), data.rows(0, 4096));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(one);
            }

            List<Vector> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(Vectors.dense(data.row(i)));
            }
            JavaRDD<Vector> rdd = sc.parallelize(rows, partitions).cache();
            rdd.count();
            MultivariateGaussian[] gaussians = new MultivariateGaussian[k];
            for (int j = 0; j < k; j++) {
                double[] colMajor = new double[d * d];
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        colMajor[c * d + r] = start.covariance(j).get(r, c);
                    }
                }
                gaussians[j] = new MultivariateGaussian(Vectors.dense(start.means()[j]), Matrices.dense(d, d, colMajor));
            }
            org.apache.spark.mllib.clustering.GaussianMixtureModel initial =
                    new org.apache.spark.mllib.clustering.GaussianMixtureModel(start.weights(), gaussians);
            long t0 = System.nanoTime();
            org.apache.spark.mllib.clustering.GaussianMixtureModel mllib =
                    new org.apache.spark.mllib.clustering.GaussianMixture().setK(k).setInitialModel(initial)
                            .setMaxIterations(iterations).setConvergenceTol(0.0).run(rdd.rdd());
            double mllibSeconds = (System.nanoTime() - t0) / 1e9;
            double[][] means = new double[k][];
            double[][][] covariances = new double[k][d][d];
            for (int j = 0; j < k; j++) {
                means[j] = mllib.gaussians()[j].mu().toArray();
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        covariances[j][r][c] = mllib.gaussians()[j].sigma().apply(r, c);
                    }
                }
            }
            double mllibLogLikelihood = GaussianMixture.full(mllib.weights(), means, covariances).logLikelihood(data);
            System.out.printf(Locale.ROOT, "data n=%d d=%d k=%d, %d iterations, %s, %d partitions, %d chunks%n",
                    n, d, k, iterations, master, partitions, chunks);
            System.out.printf(Locale.ROOT, "emkit-spark : %.3f s total, %.3f s/iteration (%d E-steps), final lnL %.10g%n",
                    emkitSeconds, emkitSeconds / iterations, iterations + 1, emkit.logLikelihood());
            System.out.printf(Locale.ROOT, "spark-mllib : %.3f s total, %.3f s/iteration, final lnL %.10g%n",
                    mllibSeconds, mllibSeconds / iterations, mllibLogLikelihood);
            System.out.printf(Locale.ROOT, "ratio (mllib / emkit per iteration): %.2fx; lnL difference %.3g (relative %.3g)%n",
                    mllibSeconds / emkitSeconds, emkit.logLikelihood() - mllibLogLikelihood,
                    (emkit.logLikelihood() - mllibLogLikelihood) / Math.abs(mllibLogLikelihood));
            System.out.printf(Locale.ROOT, "emkit per-row cost: %.1f ns per row per E-step (2 threads); statistics of"
                    + " one chunk serialised: %d bytes, so %d bytes to the driver per E-step%n",
                    emkitSeconds / (iterations + 1) / n * 1e9, bytes.size(), (long) bytes.size() * chunks);
        } finally {
            spark.stop();
        }
    }
}
