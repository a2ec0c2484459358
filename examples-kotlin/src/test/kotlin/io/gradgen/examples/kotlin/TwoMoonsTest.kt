package io.gradgen.examples.kotlin

import io.gradgen.losses.BCEWithLogitsLoss
import io.gradgen.nn.Linear
import io.gradgen.optim.SGD
import io.gradgen.train.Metrics
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.Random
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.io.TempDir

class TwoMoonsTest {

    @Test
    fun theNetworkLearnsTheMoons() {
        val lines = mutableListOf<String>()
        val outcome = trainMoons(seed = 42) { lines += it }
        val history = outcome.history
        val best = history.bestEpoch()
        assertTrue(history.losses().last() < 0.05, "final training loss ${history.losses().last()}")
        assertTrue(history.validationLosses()[best] < 0.1, "best validation loss ${history.validationLosses()[best]}")
        assertTrue(outcome.testLoss < 0.1, "test loss ${outcome.testLoss}")
        assertTrue(outcome.testAccuracy >= 0.95, "test accuracy ${outcome.testAccuracy}")
        assertTrue(history.metric("accuracy")[best] >= 0.95, "validation accuracy ${history.metric("accuracy")[best]}")
        assertEquals(listOf("accuracy", "brier"), history.metricNames())
        assertEquals((history.epochs() + 19) / 20, lines.size, "the onEpoch lambda logged every 20th epoch")
        assertTrue(lines.first().startsWith("epoch   0  loss "), lines.first())
    }

    @Test
    fun aLinearModelCannotSeparateTheMoonsButTheNetworkCan() {
        // the data set is what makes the example worth a hidden layer
        val rng = Random(1)
        val train = moons(400, 0.15, rng)
        val linear = Linear(2, 1, rng)
        val history = linear.fit {
            loss(BCEWithLogitsLoss())
            optimizer { SGD(it, 0.5) }
            data(train.x, train.y)
            epochs(200)
            metric("accuracy", Metrics.accuracy())
            progress(false)
        }
        assertTrue(history.metric("accuracy").last() < 0.9, "linear accuracy ${history.metric("accuracy").last()}")
    }

    @Test
    fun sameSeedSameHistory() {
        val a = trainMoons(seed = 7).history
        val b = trainMoons(seed = 7).history
        assertContentEquals(a.losses(), b.losses())
        assertContentEquals(a.validationLosses(), b.validationLosses())
    }

    @Test
    fun mainWritesTheLossCurveChart(@TempDir dir: Path) {
        val chart = dir.resolve("moons.svg")
        val printed = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(printed, true, Charsets.UTF_8))
        try {
            main(arrayOf(chart.toString()))
        } finally {
            System.setOut(stdout)
        }
        val text = printed.toString(Charsets.UTF_8)
        assertTrue(text.contains("loss curves: ${chart.toAbsolutePath()}"), text)
        assertTrue(text.contains("test: loss "), text)
        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        val svg = factory.newDocumentBuilder().parse(chart.toFile())
        assertEquals("http://www.w3.org/2000/svg", svg.documentElement.namespaceURI)
        assertEquals(2, svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").length)
        assertTrue(Files.size(chart) > 1000)
    }
}
