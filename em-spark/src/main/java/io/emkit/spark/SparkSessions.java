package io.emkit.spark;

import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Spark sessions as emkit's command line and tests make them. */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * The master to use when none is given: Spark's {@code spark.master} system property (set by
     * {@code spark-submit}), else {@code local[*]}.
     *
     * @return a master URL
     */
    public static String defaultMaster() {
        String master = System.getProperty("spark.master");
        return master == null || master.isBlank() ? "local[*]" : master;
    }

    /**
     * A session on {@code master}. For a {@code local} master the driver binds to 127.0.0.1 only and the
     * web UI is off; other masters take Spark's configuration (spark-submit's, spark-defaults).
     *
     * @param master a master URL: {@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...
     * @param appName the application's name
     * @return the session (an existing one is reused by Spark)
     * @throws IllegalArgumentException if {@code master} is blank
     */
    public static SparkSession start(String master, String appName) {
        Objects.requireNonNull(master, "master");
        if (master.isBlank()) {
            throw new IllegalArgumentException("--master is blank; give a Spark master URL such as local[2]");
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName);
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
