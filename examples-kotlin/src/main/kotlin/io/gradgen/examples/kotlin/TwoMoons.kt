package io.gradgen.examples.kotlin

import io.gradgen.Tensor
import io.gradgen.autograd.NoGrad
import io.gradgen.losses.BCEWithLogitsLoss
import io.gradgen.nn.Linear
import io.gradgen.nn.Module
import io.gradgen.nn.Sequential
import io.gradgen.nn.Tanh
import io.gradgen.optim.Adam
import io.gradgen.train.History
import io.gradgen.train.Metrics
import io.gradgen.train.Training
import java.nio.file.Path
import java.util.Random
import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.sin

/**
 * gradgen's training DSL from Kotlin: a 2-16-1 tanh network learns to tell apart two interleaved
 * half-moons of points (not linearly separable), with `BCEWithLogitsLoss`, a class gradgen's
 * annotation processor generated from a Java `@Loss` method in the `gradgen-losses` module.
 *
 * ```
 * mvn -q -pl examples-kotlin -am -DskipTests package exec:java
 * ```
 */

/** Points in the plane, `x` of shape `[n, 2]`, with their 0/1 labels, `y` of shape `[n, 1]`. */
class Points(val x: Tensor, val y: Tensor)

/**
 * `n` points on two half-moons, alternately of class 0 (the upper moon) and 1 (the lower one,
 * shifted right and down), with Gaussian noise of standard deviation `noise`: scikit-learn's
 * `make_moons`.
 */
fun moons(n: Int, noise: Double, rng: Random): Points {
    val x = DoubleArray(2 * n)
    val y = DoubleArray(n)
    for (i in 0 until n) {
        val lower = i % 2 == 1
        val angle = PI * rng.nextDouble()
        x[2 * i] = (if (lower) 1 - cos(angle) else cos(angle)) + noise * rng.nextGaussian()
        x[2 * i + 1] = (if (lower) 0.5 - sin(angle) else sin(angle)) + noise * rng.nextGaussian()
        y[i] = if (lower) 1.0 else 0.0
    }
    return Points(Tensor.of(x, n, 2), Tensor.of(y, n, 1))
}

/**
 * Kotlin's idiom for a configuration block: `model.fit { loss(...); epochs(...) }` describes the run
 * on a [Training] receiver and fits it. One line on top of the Java API, which is already fluent.
 */
fun Module.fit(configure: Training.() -> Unit): History = Training.of(this).apply(configure).fit()

/** How a run ended: its history and the trained network's scores on held-out test points. */
class Outcome(val history: History, val testLoss: Double, val testAccuracy: Double)

/** Trains the network on 400 points, validates on 100, tests on 200; `log` receives a line every 20 epochs. */
fun trainMoons(seed: Long, log: (String) -> Unit = {}): Outcome {
    val rng = Random(seed)
    val train = moons(400, 0.15, rng)
    val validation = moons(100, 0.15, rng)
    val test = moons(200, 0.15, rng)
    val model = Sequential(Linear(2, 16, rng), Tanh(), Linear(16, 1, rng))
    val loss = BCEWithLogitsLoss()

    val history = model.fit {
        loss(loss)
        optimizer { params -> Adam(params, 0.02) }
        data(train.x, train.y)
        batchSize(32)
        shuffle(rng)
        epochs(300)
        validation(validation.x, validation.y)
        metric("accuracy", Metrics.accuracy())
        metric("brier") { logits, target -> logits.sigmoid().sub(target).pow(2.0).mean().item() }
        earlyStopping(25)
        progress(false)
        onEpoch { epoch ->
            if (epoch.index % 20 == 0) {
                log("epoch %3d  loss %.4f  validation loss %.4f  accuracy %.3f  brier %.4f".format(
                    epoch.index, epoch.loss, epoch.validationLoss, epoch.metric("accuracy"), epoch.metric("brier")))
            }
        }
    }

    val logits = NoGrad.call { model.forward(test.x) }
    return Outcome(history, loss.forward(logits, test.y).item(), Metrics.accuracy().compute(logits, test.y))
}

fun main(args: Array<String>) {
    val outcome = trainMoons(seed = 42) { line -> println(line) }
    val history = outcome.history
    println()
    println("kept the weights of epoch ${history.bestEpoch()} (epochs 0 to ${history.epochs() - 1} ran" +
        (if (history.stoppedEarly()) ", then early stopping" else "") + ")")
    println("test: loss %.4f, accuracy %.3f on 200 points".format(outcome.testLoss, outcome.testAccuracy))
    val chart = Path.of(args.getOrElse(0) { "target/two-moons-loss.svg" })
    history.writeSvg(chart, "Two moons: a 2-16-1 tanh network trained from Kotlin")
    println("loss curves: ${chart.toAbsolutePath()}")
}
