package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG chart: well-formed, in the SVG namespace, with the curves, axes and labels a reader needs. */
class LossCurveChartTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    private static History history(double[] losses, double[] validation, int best) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            epochs.add(new EpochResult(e, losses[e], validation == null ? Double.NaN : validation[e], Map.of()));
        }
        return new History(epochs, List.of(), validation != null, best, false);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(SVG, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<String> texts(Document doc) {
        return elements(doc, "text").stream().map(Element::getTextContent).toList();
    }

    /** The points of a polyline as [x, y] pairs. */
    private static List<double[]> points(Element polyline) {
        List<double[]> points = new ArrayList<>();
        String all = polyline.getAttribute("points").trim();
        if (!all.isEmpty()) {
            for (String p : all.split(" ")) {
                String[] xy = p.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
        }
        return points;
    }

    @Test
    void aWrittenChartIsAStandaloneSvgWithTwoCurvesAxesTicksLabelsAndALegend(@TempDir Path dir) throws Exception {
        double[] train = {1.1, 0.7, 0.45, 0.3, 0.22, 0.18};
        double[] val = {1.2, 0.8, 0.6, 0.5, 0.52, 0.55};
        Path file = dir.resolve("charts/loss.svg");
        history(train, val, 3).writeSvg(file, "Iris <softmax> & \"friends\"");
        Document doc = parse(Files.readString(file));

        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG, root.getNamespaceURI());
        assertEquals("720", root.getAttribute("width"));
        assertEquals("440", root.getAttribute("height"));
        assertEquals("0 0 720 440", root.getAttribute("viewBox"));
        assertEquals("Iris <softmax> & \"friends\"", elements(doc, "title").get(0).getTextContent());

        List<Element> lines = elements(doc, "polyline");
        assertEquals(2, lines.size(), "one polyline per curve");
        assertEquals("training", lines.get(0).getAttribute("class"));
        assertEquals("validation", lines.get(1).getAttribute("class"));
        List<double[]> trainPoints = points(lines.get(0));
        assertEquals(6, trainPoints.size());
        assertEquals(6, points(lines.get(1)).size());
        for (int e = 1; e < 6; e++) {
            assertTrue(trainPoints.get(e)[0] > trainPoints.get(e - 1)[0], "epochs run left to right");
            assertTrue(trainPoints.get(e)[1] > trainPoints.get(e - 1)[1], "a falling loss goes down the screen");
        }
        for (double[] p : trainPoints) {
            assertTrue(p[0] >= 80 && p[0] <= 696 && p[1] >= 48 && p[1] <= 376, "inside the plot: " + p[0] + "," + p[1]);
        }

        List<String> texts = texts(doc);
        assertTrue(texts.contains("Iris <softmax> & \"friends\""), "the title is drawn");
        assertTrue(texts.contains("epoch"), "x axis label");
        assertTrue(texts.contains("loss"), "y axis label");
        assertTrue(texts.contains("training loss") && texts.contains("validation loss"), "legend: " + texts);
        assertTrue(texts.contains("best epoch 3"), "best-epoch marker: " + texts);
        for (String tick : List.of("0", "1", "2", "3", "4", "5", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2")) {
            assertTrue(texts.contains(tick), "tick label " + tick + " in " + texts);
        }
        assertTrue(elements(doc, "line").size() >= 2 + 6 + 7, "two axes and a tick mark per tick");
    }

    @Test
    void withoutValidationOnlyTheTrainingCurveIsDrawn() throws Exception {
        Document doc = parse(history(new double[] {3, 2, 1}, null, 2).svg("t"));
        assertEquals(1, elements(doc, "polyline").size());
        assertTrue(!texts(doc).contains("validation loss"));
    }

    @Test
    void aSingleEpochGetsAnAxisAndADotSinceAOnePointLineIsInvisible() throws Exception {
        Document doc = parse(history(new double[] {0.5}, new double[] {0.6}, 0).svg("one"));
        List<Element> lines = elements(doc, "polyline");
        assertEquals(2, lines.size());
        assertEquals(1, points(lines.get(0)).size());
        assertEquals(2, elements(doc, "circle").size());
        assertTrue(texts(doc).contains("0") && !texts(doc).contains("1"), "one epoch tick, 0: " + texts(doc));
        assertEquals(388, points(lines.get(0)).get(0)[0], 1e-9, "in the middle of the x axis, 80 to 696");
    }

    @Test
    void nonFiniteValuesAreLeftOutOfTheirLineAndCounted() throws Exception {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Document doc = parse(history(new double[] {1, nan, 0.5, 0.25}, new double[] {inf, 0.8, nan, 0.4}, 3).svg("x"));
        List<Element> lines = elements(doc, "polyline");
        assertEquals(3, points(lines.get(0)).size());
        assertEquals(2, points(lines.get(1)).size());
        assertTrue(texts(doc).contains("3 non-finite values (NaN or infinite) not drawn"), texts(doc).toString());
        for (Element line : lines) {
            for (double[] p : points(line)) {
                assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
            }
        }
    }

    @Test
    void aRunWithNoFiniteLossStillGivesAValidChart() throws Exception {
        double nan = Double.NaN;
        Document doc = parse(history(new double[] {nan, nan}, new double[] {nan, nan}, 0).svg("diverged"));
        assertEquals(2, elements(doc, "polyline").size());
        assertEquals(0, points(elements(doc, "polyline").get(0)).size());
        assertTrue(texts(doc).contains("4 non-finite values (NaN or infinite) not drawn"));
    }

    @Test
    void longRunsDrawLinesWithoutADotPerEpoch() throws Exception {
        double[] losses = new double[500];
        for (int e = 0; e < losses.length; e++) {
            losses[e] = 1.0 / (1 + e);
        }
        Document doc = parse(history(losses, null, 499).svg("long"));
        assertEquals(500, points(elements(doc, "polyline").get(0)).size());
        assertEquals(0, elements(doc, "circle").size());
        assertTrue(texts(doc).contains("450"), "ticks up to the last epoch: " + texts(doc));
        assertEquals(696, points(elements(doc, "polyline").get(0)).get(499)[0], 1e-9, "the last epoch at the right end");
    }

    @Test
    void writeSvgWithoutATitleUsesADefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("loss.svg");
        history(new double[] {2, 1}, null, 1).writeSvg(file);
        assertTrue(Files.readString(file).contains("<title>Loss per epoch</title>"));
    }
}
