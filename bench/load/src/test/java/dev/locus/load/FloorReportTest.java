package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor comparison's ratios, table and chart; and its command line. */
class FloorReportTest {

    private static LatencyStats stats(double p50, double p99) {
        return new LatencyStats(100, p50, p50, p50, p99, p99);
    }

    private static FloorCompare.Report report() {
        FloorCompare.Row names = new FloorCompare.Row(5000, "names", 4, 112_000, 900, 0, stats(2, 6), stats(1.5, 4),
                stats(0.5, 2), stats(0.5, 2), "3.1 2.0 1.5");
        FloorCompare.Row small = new FloorCompare.Row(1000, "names", 4, 22_000, 900, 0, stats(1, 3), stats(1, 3),
                stats(0.4, 1), stats(0.4, 1), "3.0 2.0 1.5");
        return new FloorCompare.Report("jdk", 2, "java -jar locus.jar", "start", "end", List.of("1 1 1", "2 2 2"), 20, 30, FloorCompare.FIXED,
                List.of(small, names));
    }

    @Test
    void ratiosAreLocusOverTheFloor() {
        FloorCompare.Row row = report().rows().get(1);
        assertEquals(4.0, row.filterP50Ratio());
        assertEquals(3.0, row.filterP99Ratio());
        assertEquals(3.0, row.prioritizeP50Ratio());
        assertEquals(2.0, row.prioritizeP99Ratio());
    }

    @Test
    void theTableHasOneRowPerClusterAndModeWithBothServersAndTheRatio() {
        String md = FloorReport.markdown(report(), List.of("floor-names.svg"));
        assertTrue(md.contains(FloorReport.HEADER), md);
        assertTrue(md.contains("| 5000 | NodeNames | 4 | 109 KiB | 900 | 2 / 6 | 0.5 / 2 | 4 / 3 | 1.5 / 4 | 0.5 / 2 | 3 / 2 | 0 |"),
                md);
        assertTrue(md.contains("![floor-names](floor-names.svg)"), md);
    }

    @Test
    void theChartDrawsLocusAndTheFloor() {
        String svg = FloorReport.chart(report(), "names");
        assertTrue(svg.startsWith("<svg") && svg.contains("Locus filter p50") && svg.contains("floor prioritize p99"), svg);
    }

    @Test
    void theFloorCommandHasItsOwnFlags() {
        LoadOptions o = LoadOptions.parse(new String[] {"floor", "--nodes", "5000", "--claims-per-pod", "4"});
        assertEquals(List.of(5000), o.integers("--nodes"));
        assertEquals("bench/target/benchmarks.jar", o.text("--floor-jar"));
        assertEquals(4, o.integer("--claims-per-pod"));
    }
}
