package io.gradgen.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.HuberLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** {@link GradgenGradient} row by row, against MLlib's own gradients and closed forms; no Spark context. */
class GradgenGradientTest {
    private static final Vector DENSE = Vectors.dense(0.5, -1.0, 2.0, 1.0);
    private static final Vector SPARSE = Vectors.sparse(4, new int[] {0, 2, 3}, new double[] {0.5, 2.0, 1.0});
    private static final Vector WEIGHTS = Vectors.dense(0.3, 0.2, -0.4, 0.1);

    @Test
    void linearBceIsMllibsLogisticGradient() {
        for (Vector row : new Vector[] {DENSE, SPARSE}) {
            for (double label : new double[] {0, 1}) {
                DenseVector ours = new DenseVector(new double[4]);
                DenseVector mllib = new DenseVector(new double[4]);
                double ourLoss = GradgenGradient.linear(new BCEWithLogitsLoss()).compute(row, label, WEIGHTS, ours);
                double mllibLoss = new LogisticGradient().compute(row, label, WEIGHTS, mllib);

                assertEquals(mllibLoss, ourLoss, 1e-14, "loss of " + row + ", label " + label);
                assertArrayEquals(mllib.values(), ours.values(), 1e-14, "gradient of " + row + ", label " + label);
            }
        }
    }

    @Test
    void cumulativeComputeAddsIntoTheSumAndTheOtherReturnsAFreshVector() {
        GradgenGradient gradient = GradgenGradient.linear(new HuberLoss(0.5));
        DenseVector sum = new DenseVector(new double[] {1, 1, 1, 1});

        double loss = gradient.compute(DENSE, 3.0, WEIGHTS, sum);
        Tuple2<Vector, Object> fresh = gradient.compute(DENSE, 3.0, WEIGHTS);

        // w·x = 0.15 − 0.2 − 0.8 + 0.1 = −0.75, residual −3.75 beyond delta: ∂ℓ/∂pred = −0.5
        assertEquals(0.5 * (3.75 - 0.25), loss, 1e-12);
        assertEquals(loss, (Double) fresh._2(), 0.0);
        assertArrayEquals(new double[] {-0.25, 0.5, -1.0, -0.5}, fresh._1().toArray(), 1e-12);
        assertArrayEquals(new double[] {0.75, 1.5, 0.0, 0.5}, sum.values(), 1e-12);
    }

    @Test
    void multinomialCrossEntropyIsSoftmaxMinusOneHotTimesFeatures() {
        int classes = 3;
        double[] w = {0.1, 0.2, 0.0, -0.3, 0.0, 0.1, 0.5, 0.2, -0.2, 0.3, 0.1, 0.0};
        DenseVector sum = new DenseVector(new double[12]);

        double loss = GradgenGradient.multinomial(new CrossEntropyLoss(), classes).compute(SPARSE, 2.0,
                Vectors.dense(w), sum);

        double[] x = SPARSE.toArray();
        double[] z = new double[classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < 4; j++) {
                z[k] += w[k * 4 + j] * x[j];
            }
        }
        double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
        assertEquals(lse - z[2], loss, 1e-12);
        for (int k = 0; k < classes; k++) {
            double dz = Math.exp(z[k] - lse) - (k == 2 ? 1 : 0);
            for (int j = 0; j < 4; j++) {
                assertEquals(dz * x[j], sum.values()[k * 4 + j], 1e-12, "weight of class " + k + ", feature " + j);
            }
        }
    }

    @Test
    void aLossWithoutSecondOrderKernelGoesThroughAutograd() {
        LossFunction plain = inputs -> new HuberLoss(0.5).forward(inputs);
        DenseVector viaAutograd = new DenseVector(new double[4]);
        DenseVector viaKernel = new DenseVector(new double[4]);

        double a = GradgenGradient.linear(plain).compute(DENSE, 0.2, WEIGHTS, viaAutograd);
        double b = GradgenGradient.linear(new HuberLoss(0.5)).compute(DENSE, 0.2, WEIGHTS, viaKernel);

        assertEquals(b, a, 1e-15);
        assertArrayEquals(viaKernel.values(), viaAutograd.values(), 1e-15);
    }

    @Test
    void weightsOfTheWrongSizeAreRefusedWithTheSizeToUse() {
        IllegalArgumentException linear = assertThrows(IllegalArgumentException.class,
                () -> GradgenGradient.linear(new BCEWithLogitsLoss()).compute(DENSE, 1, Vectors.zeros(5),
                        new DenseVector(new double[5])));
        IllegalArgumentException multinomial = assertThrows(IllegalArgumentException.class,
                () -> GradgenGradient.multinomial(new CrossEntropyLoss(), 3).compute(DENSE, 1, Vectors.zeros(9),
                        new DenseVector(new double[9])));

        assertTrue(linear.getMessage().contains("4 features need 4 weights, but there are 5"), linear.getMessage());
        assertTrue(linear.getMessage().contains("MLUtils.appendBias"), linear.getMessage());
        assertTrue(multinomial.getMessage().contains("3 classes of 4 features need 12 weights"), multinomial.getMessage());
        assertTrue(multinomial.getMessage().contains("Vectors.zeros(12)"), multinomial.getMessage());
    }

    @Test
    void aLabelThatIsNoClassNamesTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradgenGradient.multinomial(new CrossEntropyLoss(), 3).compute(DENSE, 3.0, Vectors.zeros(12),
                        new DenseVector(new double[12])));

        assertTrue(e.getMessage().contains("class index 0 to 2"), e.getMessage());
        assertTrue(e.getMessage().contains("label 3.0"), e.getMessage());
    }

    @Test
    void sparseCumulativeGradientIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradgenGradient.linear(new BCEWithLogitsLoss()).compute(DENSE, 1, WEIGHTS, SPARSE));

        assertTrue(e.getMessage().contains("cumGradient must be a dense vector of 4 entries"), e.getMessage());
    }

    @Test
    void fewerThanTwoClassesPointToLinear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradgenGradient.multinomial(new CrossEntropyLoss(), 1));

        assertTrue(e.getMessage().contains("use GradgenGradient.linear(loss)"), e.getMessage());
    }

    @Test
    void travelsWithItsGeneratedLossAndRebuildsItsBuffers() throws Exception {
        GradgenGradient gradient = GradgenGradient.multinomial(new CrossEntropyLoss(-100, 0.1), 3);
        Vector w = Vectors.dense(0.1, 0.2, 0.0, -0.3, 0.0, 0.1, 0.5, 0.2, -0.2, 0.3, 0.1, 0.0);

        Gradient copy = roundTrip(gradient);

        DenseVector expected = new DenseVector(new double[12]);
        DenseVector actual = new DenseVector(new double[12]);
        assertEquals(gradient.compute(DENSE, 1, w, expected), copy.compute(DENSE, 1, w, actual), 0.0);
        assertArrayEquals(expected.values(), actual.values(), 0.0);
    }

    @Test
    void aLossThatIsNotSerialisableFailsWithWhatToDo() {
        LossFunction local = inputs -> new HuberLoss().forward(inputs);

        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> roundTrip(GradgenGradient.linear(local)));

        assertTrue(e.getMessage().contains("Spark cannot ship it to its executors"), e.getMessage());
        assertTrue(e.getMessage().contains("implement java.io.Serializable"), e.getMessage());
    }

    private static Gradient roundTrip(Gradient gradient) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(gradient);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Gradient) in.readObject();
        }
    }
}
