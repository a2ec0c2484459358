package io.gradgen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.spark.examples.IrisOnSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * MLlib's LBFGS on Spark ({@code local[2]}, rows in four partitions, so every gradient is a
 * {@code treeAggregate} of per-partition sums that crossed serialisation) reaches with a gradgen
 * loss what it reaches with MLlib's own gradients.
 *
 * <p>Tagged {@code spark-local}: the slowest tests of the build (Spark starts, then runs a few
 * hundred small jobs), so CI runs them on its first JDK only ({@code -DexcludedGroups=spark-local}
 * on the second).
 */
@Tag("spark-local")
class LbfgsAgreementTest {
    private static final int PARTITIONS = 4;
    private static SparkSession spark;
    private static JavaSparkContext context;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("gradgen-spark tests")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", PARTITIONS)
                .getOrCreate();
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void bceWithLogitsReachesTheWeightsOfLogisticGradient() {
        JavaRDD<Tuple2<Object, Vector>> rows = context.parallelize(logisticRows(2000, 5, 7), PARTITIONS).cache();
        assertEquals(PARTITIONS, rows.getNumPartitions());
        Vector start = Vectors.zeros(6);

        long began = System.nanoTime();
        double[] gradgen = lbfgs(GradgenGradient.linear(new BCEWithLogitsLoss())).optimize(rows.rdd(), start).toArray();
        double seconds = (System.nanoTime() - began) / 1e9;
        double[] mllib = lbfgs(new LogisticGradient()).optimize(rows.rdd(), start).toArray();

        double difference = 0;
        double largest = 0;
        for (int j = 0; j < mllib.length; j++) {
            difference = Math.max(difference, Math.abs(gradgen[j] - mllib[j]));
            largest = Math.max(largest, Math.abs(mllib[j]));
        }
        System.out.printf("LBFGS, BCEWithLogitsLoss vs LogisticGradient: max |weight difference| %.3g (weights up to"
                + " %.3g); gradgen's run took %.2f s%n", difference, largest, seconds);
        assertTrue(difference < 1e-6, "weights differ by " + difference);
    }

    @Test
    void crossEntropyReachesTheAccuracyOfMllibsSoftmaxRegression() {
        IrisOnSpark.Result result = IrisOnSpark.run(spark, IrisOnSpark.bundledIris());

        System.out.println("Iris, multinomial CrossEntropyLoss vs LogisticRegressionWithLBFGS: " + result);
        assertEquals(result.mllibTrain(), result.gradgenTrain(), "training accuracy");
        assertEquals(result.mllibTest(), result.gradgenTest(), "held-out accuracy");
        assertTrue(result.gradgenTest() > 0.9, "held-out accuracy " + result.gradgenTest());
    }

    /** L2-regularised (so the optimum is unique), run to a tight tolerance. */
    private static LBFGS lbfgs(Gradient gradient) {
        return new LBFGS(gradient, new SquaredL2Updater()).setRegParam(0.01).setNumIterations(200)
                .setConvergenceTol(1e-12).setNumCorrections(10);
    }

    /** 0/1 labels from a logistic model; features and a trailing bias of 1. */
    private static List<Tuple2<Object, Vector>> logisticRows(int n, int features, long seed) {
        Random random = new Random(seed);
        double[] truth = new double[features + 1];
        for (int j = 0; j < truth.length; j++) {
            truth[j] = random.nextGaussian();
        }
        List<Tuple2<Object, Vector>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = new double[features + 1];
            double logit = 0;
            for (int j = 0; j < features; j++) {
                x[j] = random.nextGaussian();
            }
            x[features] = 1;
            for (int j = 0; j <= features; j++) {
                logit += truth[j] * x[j];
            }
            double label = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            rows.add(new Tuple2<>(label, Vectors.dense(x)));
        }
        return rows;
    }
}
