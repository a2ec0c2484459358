package io.gradgen.spark.examples;

import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.spark.GradgenGradient;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.classification.LogisticRegressionWithLBFGS;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Softmax regression on Fisher's Iris with Spark: a DataFrame read from CSV, features assembled
 * with {@code VectorAssembler}, rows handed to MLlib's {@code LBFGS} with gradgen's
 * {@code CrossEntropyLoss} as the gradient, and the result compared with MLlib's own multinomial
 * {@code LogisticRegressionWithLBFGS} on a held-out fifth of the flowers.
 *
 * <pre>{@code
 * mvn -q -Pml -pl spark -am -DskipTests test-compile exec:exec              # local[2]
 * spark-submit --class io.gradgen.spark.examples.IrisOnSpark --jars ... app.jar hdfs:///data/iris.csv
 * }</pre>
 */
public final class IrisOnSpark {
    static final int CLASSES = 3;
    static final String[] FEATURES = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    private IrisOnSpark() {
    }

    /**
     * Accuracies of the two trainings, on the training and the held-out flowers.
     *
     * @param trainRows flowers trained on
     * @param testRows flowers held out
     * @param gradgenTrain training accuracy of LBFGS on gradgen's cross-entropy
     * @param gradgenTest its held-out accuracy
     * @param mllibTrain training accuracy of MLlib's multinomial logistic regression
     * @param mllibTest its held-out accuracy
     */
    public record Result(long trainRows, long testRows, double gradgenTrain, double gradgenTest, double mllibTrain,
            double mllibTest) {
    }

    /**
     * Runs the comparison on the Iris CSV at {@code args[0]}, or the bundled copy; the master comes
     * from spark-submit, or is {@code local[2]}.
     */
    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setAppName("gradgen on Spark: Iris").setIfMissing("spark.master", "local[2]");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            Result result = run(spark, args.length > 0 ? args[0] : bundledIris());
            System.out.printf("Iris on Spark (%s): %d training flowers, %d held out%n", spark.sparkContext().master(),
                    result.trainRows(), result.testRows());
            System.out.printf("%-58s %8s %9s%n", "softmax regression", "train", "held out");
            System.out.printf("%-58s %8.3f %9.3f%n", "LBFGS + GradgenGradient.multinomial(CrossEntropyLoss)",
                    result.gradgenTrain(), result.gradgenTest());
            System.out.printf("%-58s %8.3f %9.3f%n", "MLlib LogisticRegressionWithLBFGS (multinomial)",
                    result.mllibTrain(), result.mllibTest());
        } finally {
            spark.stop();
        }
    }

    /**
     * Trains both models on four fifths of the flowers in {@code csv} and scores them.
     *
     * @param spark the session
     * @param csv a path Spark can read: the Iris CSV with its {@code #} comment lines and header
     * @return the accuracies
     */
    public static Result run(SparkSession spark, String csv) {
        Dataset<Row> flowers = spark.read().option("header", true).option("comment", "#").option("inferSchema", true)
                .csv(csv);
        Dataset<Row> labelled = new StringIndexer().setInputCol("species").setOutputCol("label")
                .setStringOrderType("alphabetAsc").fit(flowers).transform(flowers);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(FEATURES).setOutputCol("features")
                .transform(labelled);
        Dataset<Row>[] split = assembled.randomSplit(new double[] {0.8, 0.2}, 1936);
        JavaRDD<LabeledPoint> train = points(split[0]).repartition(4).cache();
        JavaRDD<LabeledPoint> test = points(split[1]).cache();

        Vector weights = trainWithGradgen(train);
        LogisticRegressionModel mllib = new LogisticRegressionWithLBFGS().setNumClasses(CLASSES).setIntercept(true)
                .run(train.rdd());

        return new Result(train.count(), test.count(), accuracy(train, weights), accuracy(test, weights),
                accuracy(train, mllib), accuracy(test, mllib));
    }

    /** {@code numClasses × (4 + 1)} weights, class-major, the last of each class its bias. */
    static Vector trainWithGradgen(JavaRDD<LabeledPoint> train) {
        JavaRDD<Tuple2<Object, Vector>> rows = train.map(p -> new Tuple2<>(p.label(), MLUtils.appendBias(p.features())));
        LBFGS lbfgs = new LBFGS(GradgenGradient.multinomial(new CrossEntropyLoss(), CLASSES), new SquaredL2Updater())
                .setRegParam(0.0)   // maximum likelihood, as MLlib's LogisticRegressionWithLBFGS by default
                .setNumIterations(100)   // and its stopping rule: 100 iterations at most, tolerance 1e-6
                .setConvergenceTol(1e-6);
        return lbfgs.optimize(rows.rdd(), Vectors.zeros(CLASSES * (FEATURES.length + 1)));
    }

    /** The DataFrame's rows as MLlib points (the assembler's ml vector turned into an mllib one). */
    static JavaRDD<LabeledPoint> points(Dataset<Row> rows) {
        return rows.select("label", "features").toJavaRDD().map(row -> new LabeledPoint(row.getDouble(0),
                Vectors.fromML(row.getAs(1))));
    }

    static double accuracy(JavaRDD<LabeledPoint> points, Vector weights) {
        double[] w = weights.toArray();
        return points.filter(p -> argMax(w, MLUtils.appendBias(p.features()).toArray()) == p.label()).count()
                / (double) points.count();
    }

    static double accuracy(JavaRDD<LabeledPoint> points, LogisticRegressionModel model) {
        return points.filter(p -> model.predict(p.features()) == p.label()).count() / (double) points.count();
    }

    private static int argMax(double[] w, double[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            double score = 0;
            for (int j = 0; j < x.length; j++) {
                score += w[k * x.length + j] * x[j];
            }
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    /** {@return the path of the Iris CSV bundled on the class path} */
    public static String bundledIris() {
        URL url = Objects.requireNonNull(IrisOnSpark.class.getResource("/iris.csv"), "iris.csv is not on the class path");
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
