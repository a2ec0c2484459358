package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every configuration error: its type, its message, and that nothing ran before it. */
class TrainingConfigurationTest {

    private static final LossFunction MSE = new TestLosses.Mse();
    private static final Tensor X = Tensor.zeros(10, 2);
    private static final Tensor Y = Tensor.zeros(10, 1);

    private static String illegalArgument(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static String illegalState(Executable call) {
        return assertThrows(IllegalStateException.class, call).getMessage();
    }

    @Test
    void aMissingLossOptimizerOrDataIsNamedWithTheCallThatSuppliesIt() {
        Linear model = Fixtures.linear(2, 1, 1);
        assertEquals("fit(): the training is missing a loss (call .loss(lossFunction))", illegalState(
                () -> Training.of(model).optimizer(p -> new SGD(p, 0.1)).data(X, Y).fit()));
        assertEquals("fit(): the training is missing an optimizer (call .optimizer(params -> new SGD(params, lr)))",
                illegalState(() -> Training.of(model).loss(MSE).data(X, Y).fit()));
        assertEquals("fit(): the training is missing training data (call .data(x, y))", illegalState(
                () -> Training.of(model).loss(MSE).optimizer(p -> new SGD(p, 0.1)).fit()));
        assertEquals("fit(): the training is missing a loss (call .loss(lossFunction)), an optimizer (call"
                + " .optimizer(params -> new SGD(params, lr))) and training data (call .data(x, y))",
                illegalState(() -> Training.of(model).fit()));
    }

    @Test
    void earlyStoppingWithoutValidationFailsInFit() {
        assertEquals("fit(): earlyStopping(5) watches the validation loss, but no validation data was given; call"
                + " .validation(xVal, yVal) or remove .earlyStopping(...)", illegalState(() -> Training
                        .of(Fixtures.linear(2, 1, 1)).loss(MSE).optimizer(p -> new SGD(p, 0.1)).data(X, Y)
                        .earlyStopping(5).fit()));
    }

    @Test
    void badConfigurationFailsBeforeTheOptimizerIsBuiltOrAnyStepRuns() {
        Linear model = Fixtures.linear(2, 1, 1);
        double[] before = model.weight().toArray();
        AtomicInteger optimizers = new AtomicInteger();
        Training training = Training.of(model).loss(MSE).optimizer(p -> {
            optimizers.incrementAndGet();
            return new SGD(p, 0.1);
        }).data(Tensor.ones(10, 2), Tensor.ones(10, 1)).progress(false);

        training.validation(Tensor.ones(4, 3), Tensor.ones(4, 1));
        assertEquals("fit(): validation xVal has shape [4, 3] but training x has shape [10, 2]; their rows (all"
                + " dimensions after the first) must have the same shape", illegalArgument(training::fit));
        training.validation(Tensor.ones(4, 2), Tensor.ones(4));
        assertEquals("fit(): validation yVal has shape [4] but training y has shape [10, 1]; their rows (all"
                + " dimensions after the first) must have the same shape", illegalArgument(training::fit));
        training.validation(Tensor.ones(4, 2), Tensor.ones(4, 1)).earlyStopping(2);

        assertEquals(0, optimizers.get());
        assertArrayEquals(before, model.weight().toArray(), 0.0);
        training.fit();
        assertEquals(1, optimizers.get());
    }

    @Test
    void anOptimizerFactoryThatReturnsNullIsReported() {
        assertEquals("fit(): the optimizer factory returned null; return an optimizer, e.g. .optimizer(params -> new"
                + " SGD(params, 0.01))", illegalState(() -> Training.of(Fixtures.linear(2, 1, 1)).loss(MSE)
                        .optimizer(p -> null).data(X, Y).fit()));
    }

    @Test
    void dataAndValidationCheckTheirRowCounts() {
        Training t = Training.of(Fixtures.linear(2, 1, 1));
        assertEquals("data: x has 10 rows (shape [10, 2]) but y has 9 (shape [9, 1]); give one target row per input"
                + " row", illegalArgument(() -> t.data(X, Tensor.zeros(9, 1))));
        assertEquals("validation: xVal has 3 rows (shape [3, 2]) but yVal has 4 (shape [4]); give one target row per"
                + " input row", illegalArgument(() -> t.validation(Tensor.zeros(3, 2), Tensor.zeros(4))));
        assertEquals("data: x is 0-dim; it needs one row per sample along dimension 0, e.g. shape [N] or [N, features]",
                illegalArgument(() -> t.data(Tensor.scalar(1), Y)));
        assertEquals("data: y has shape [0, 1], no samples; give at least one row",
                illegalArgument(() -> t.data(Tensor.zeros(3, 2), Tensor.zeros(0, 1))));
        assertEquals("data: x has shape [0, 2], no samples; give at least one row",
                illegalArgument(() -> t.data(Tensor.zeros(0, 2), Tensor.zeros(0, 1))));
        assertThrows(NullPointerException.class, () -> t.data(null, Y));
    }

    @Test
    void numericSettersRejectValuesBelowOne() {
        Training t = Training.of(Fixtures.linear(2, 1, 1));
        assertEquals("batchSize(0): the batch size must be at least 1", illegalArgument(() -> t.batchSize(0)));
        assertEquals("epochs(0): the number of epochs must be at least 1", illegalArgument(() -> t.epochs(0)));
        assertEquals("earlyStopping(0): the patience must be at least 1 epoch", illegalArgument(() -> t.earlyStopping(0)));
        assertEquals("batchSize(-3): the batch size must be at least 1", illegalArgument(() -> t.batchSize(-3)));
    }

    @Test
    void metricNamesAreUniqueAndDoNotShadowTheHistoryColumns() {
        Training t = Training.of(Fixtures.linear(2, 1, 1)).metric("mae", Metrics.mae());
        assertEquals("metric: a metric named \"mae\" was added already; give each metric its own name",
                illegalArgument(() -> t.metric("mae", Metrics.rmse())));
        assertEquals("metric: \"loss\" is a column of the history's CSV already (epoch, loss, validation_loss); give"
                + " the metric another name", illegalArgument(() -> t.metric("loss", Metrics.mae())));
        assertEquals("metric: the name is blank; give it a name such as \"accuracy\"",
                illegalArgument(() -> t.metric(" ", Metrics.mae())));
        assertThrows(NullPointerException.class, () -> t.metric("rmse", null));
    }

    @Test
    void nullsAreRejectedWhereTheyAreGiven() {
        assertThrows(NullPointerException.class, () -> Training.of(null));
        Training t = Training.of(Fixtures.linear(2, 1, 1));
        assertThrows(NullPointerException.class, () -> t.loss(null));
        assertThrows(NullPointerException.class, () -> t.optimizer(null));
        assertThrows(NullPointerException.class, () -> t.shuffle(null));
        assertThrows(NullPointerException.class, () -> t.onEpoch(null));
    }
}
