package io.github.dl4jprojection.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One {@code local[2]} Spark context for all tests of the module (a JVM holds one SparkContext; starting it costs
 * seconds), stopped when the test JVM exits. Loopback only, no web UI.
 */
public final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    /** The shared context: master {@code local[2]}, two worker threads in this JVM. */
    public static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("dl4j-projection-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
            JavaSparkContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return context;
    }
}
