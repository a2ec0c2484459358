package com.example.ecj;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Checks the generated losses against their closed forms and trains with one of them; prints what
 * it found and exits with 1 on any mismatch. The Maven build runs it on javac's classes (through its
 * test), postbuild.groovy on the classes Eclipse's compiler built.
 */
public final class EclipseCheck {
    private EclipseCheck() {
    }

    /** The mismatches, empty when all agree; {@code report} gets one line per check. */
    static List<String> run(List<String> report) {
        List<String> wrong = new ArrayList<>();
        // log-cosh: value mean(scale * log cosh(r)), gradient scale * tanh(r) / n
        double[] pred = {0.5, -1.0, 3.0};
        double[] target = {0.0, 1.0, 2.5};
        Tensor x = Tensor.of(pred, 3).requiresGrad(true);
        Tensor value = new LogCoshLoss(2.0).forward(x, Tensor.of(target, 3));
        value.backward();
        double expected = 0;
        double[] gradient = new double[3];
        for (int i = 0; i < 3; i++) {
            double r = pred[i] - target[i];
            expected += 2.0 * Math.log(Math.cosh(r)) / 3;
            gradient[i] = 2.0 * Math.tanh(r) / 3;
        }
        compare("logCosh value", new double[] {value.item()}, new double[] {expected}, report, wrong);
        compare("logCosh gradient", x.grad().toArray(), gradient, report, wrong);

        // softmax cross-entropy: value mean(-log p[target]), gradient (p - onehot) / n
        double[][] logits = {{0.3, -1.2, 2.0}, {1.0, 1.0, -0.5}};
        int[] labels = {2, 0};
        Tensor z = Tensor.of(new double[] {0.3, -1.2, 2.0, 1.0, 1.0, -0.5}, 2, 3).requiresGrad(true);
        Tensor ce = new SoftmaxCrossEntropyLoss().forward(z, Tensor.of(new double[] {2, 0}, 2));
        ce.backward();
        double expectedCe = 0;
        double[] ceGradient = new double[6];
        for (int n = 0; n < 2; n++) {
            double[] p = softmax(logits[n]);
            expectedCe -= Math.log(p[labels[n]]) / 2;
            for (int k = 0; k < 3; k++) {
                ceGradient[3 * n + k] = (p[k] - (k == labels[n] ? 1 : 0)) / 2;
            }
        }
        compare("softmaxCrossEntropy value", new double[] {ce.item()}, new double[] {expectedCe}, report, wrong);
        compare("softmaxCrossEntropy gradient", z.grad().toArray(), ceGradient, report, wrong);

        // training: a line through y = 2x + 1 under log-cosh
        double[] wb = train();
        report.add(String.format(Locale.ROOT, "fit: y = %.4f x + %.4f", wb[0], wb[1]));
        if (Math.abs(wb[0] - 2.0) > 1e-3 || Math.abs(wb[1] - 1.0) > 1e-3) {
            wrong.add("the fit " + wb[0] + ", " + wb[1]);
        }
        return wrong;
    }

    /** The learned weight and bias of Linear(1, 1) trained with the generated LogCoshLoss. */
    static double[] train() {
        Random rng = new Random(7);
        Tensor x = Tensor.randn(rng, 128, 1);
        Tensor y = x.mul(2.0).add(1.0);
        Linear model = new Linear(1, 1, rng);
        LogCoshLoss loss = new LogCoshLoss();
        SGD optimizer = new SGD(model.parameters(), 0.5);
        for (int step = 0; step < 1500; step++) {
            Tensor value = loss.forward(model.forward(x), y);
            optimizer.zeroGrad();
            value.backward();
            optimizer.step();
        }
        return new double[] {model.weight().item(), model.bias().item()};
    }

    private static void compare(String what, double[] actual, double[] expected, List<String> report,
            List<String> wrong) {
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            error = Math.max(error, Math.abs(actual[i] - expected[i]));
        }
        report.add(String.format(Locale.ROOT, "%s: max error %.3e", what, error));
        if (actual.length != expected.length || error > 1e-12) {
            wrong.add(what);
        }
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public static void main(String[] args) {
        List<String> report = new ArrayList<>();
        List<String> wrong = run(report);
        report.forEach(System.out::println);
        if (!wrong.isEmpty()) {
            System.out.println("MISMATCH: " + wrong);
            System.exit(1);
        }
        System.out.println("all checks passed");
    }
}
