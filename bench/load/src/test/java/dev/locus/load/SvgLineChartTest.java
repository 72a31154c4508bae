package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.load.SvgLineChart.Axis;
import dev.locus.load.SvgLineChart.Point;
import dev.locus.load.SvgLineChart.Series;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgLineChartTest {

    /** Parses SVG as XML: fails the test when the chart is not well-formed. */
    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void drawsOneLinePerSeriesWithLegendAxesAndUnits() throws Exception {
        String svg = SvgLineChart.render("Latency <&> size", new Axis("nodes", true), new Axis("latency (ms)", true),
                List.of(new Series("p99, NodeNames", List.of(new Point(100, 2), new Point(1000, 9), new Point(5000, 40)), false),
                        new Series("p50, NodeNames", List.of(new Point(100, 1), new Point(1000, 4)), true),
                        new Series("only bad points", List.of(new Point(0, 1), new Point(10, Double.NaN)), false)));
        Document doc = parse(svg);

        NodeList lines = doc.getElementsByTagName("polyline");
        int series = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            if ("series".equals(lines.item(i).getAttributes().getNamedItem("class") == null ? ""
                    : lines.item(i).getAttributes().getNamedItem("class").getNodeValue())) {
                series++;
            }
        }
        assertEquals(2, series, "undrawable series are left out");
        List<String> texts = texts(doc);
        assertTrue(texts.contains("Latency <&> size"), texts.toString());
        assertTrue(texts.contains("nodes (log scale)"), texts.toString());
        assertTrue(texts.contains("latency (ms) (log scale)"), texts.toString());
        assertTrue(texts.contains("p99, NodeNames") && texts.contains("p50, NodeNames"), texts.toString());
        assertTrue(texts.containsAll(List.of("100", "1k", "10k")), "decade ticks: " + texts);
        assertTrue(svg.contains("stroke-dasharray"), "the p50 line is dashed");
    }

    @Test
    void emptyChartSaysSo() throws Exception {
        Document doc = parse(SvgLineChart.render("t", new Axis("x", false), new Axis("y", false), List.of()));
        assertTrue(texts(doc).contains("no data"));
    }

    @ParameterizedTest
    @CsvSource({"10, 2", "9, 2", "1, 0.2", "700, 200", "0.04, 0.01", "0, 1"})
    void linearStepsAreOneTwoOrFiveTimesAPowerOfTen(double span, double step) {
        assertEquals(step, Scale.step(span), step * 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"5000, 5k", "1000, 1k", "250, 250", "2.5, 2.5", "0.01, 0.01", "0.333333, 0.333", "20, 20"})
    void tickLabelsAreShort(double value, String label) {
        assertEquals(label, Scale.label(value));
    }

    @Test
    void linearAxisStartsAtZeroAndCoversTheMaximum() {
        Scale scale = Scale.of(new double[] {3, 17, 42}, false, 0, 100);
        assertEquals(0, scale.lo());
        assertTrue(scale.hi() >= 42, "hi " + scale.hi());
        assertEquals(0, scale.map(0), 1e-9);
        assertEquals(100, scale.map(scale.hi()), 1e-9);
        List<Double> ticks = scale.ticks();
        assertEquals(0.0, ticks.get(0));
        assertTrue(ticks.get(ticks.size() - 1) >= 42);
    }
}
