package dev.kinesisautoscaling.simulator.report;

import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.replay.ReplayResult;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a replay as a PNG: demand against provisioned capacity over time, in shards, with the
 * {@code UpdateShardCount} calls marked.
 *
 * <p>Demand is drawn as the shards it needs at full use, once for bytes (MiB/s, as one shard takes
 * 1 MiB/s) and once for records (records/s divided by 1,000); provisioned capacity is the open
 * shard count. A demand line above the capacity line is throttled traffic. Every accepted
 * {@code UpdateShardCount} is a triangle at the shard count it asked for (green pointing up for
 * scale-ups, blue pointing down for scale-downs), with a vertical line as well when there are at
 * most {@value #MAX_EVENT_LINES} of them; a refused call is a red cross at the count it asked for.
 * Long traces are drawn with the maximum of each of at most {@value #MAX_POINTS} buckets, so that
 * peaks stay visible.
 */
public final class CapacityChart {

    private static final int MAX_POINTS = 2000;
    private static final int MAX_EVENT_LINES = 60;
    private static final Color UP = new Color(0x2c, 0xa0, 0x2c);
    private static final Color DOWN = new Color(0x44, 0x55, 0xcc);
    private static final Color REFUSED = new Color(0xd6, 0x27, 0x28);
    private static final double MIB = 1024 * 1024;

    private CapacityChart() {
    }

    /**
     * Builds the chart of a replay.
     *
     * @param result the replay
     * @return the chart
     */
    public static JFreeChart chart(ReplayResult result) {
        TrafficTrace trace = result.trace();
        int minutes = trace.minutes();
        int bucket = Math.max(1, (minutes + MAX_POINTS - 1) / MAX_POINTS);
        XYSeries bytes = new XYSeries("demand, bytes (MiB/s)", false, true);
        XYSeries records = new XYSeries("demand, records (1,000 records/s)", false, true);
        XYSeries shards = new XYSeries("provisioned shards", false, true);
        long start = trace.start().toEpochMilli();
        for (int first = 0; first < minutes; first += bucket) {
            double maxBytes = 0;
            double maxRecords = 0;
            int maxShards = 0;
            for (int m = first; m < Math.min(minutes, first + bucket); m++) {
                maxBytes = Math.max(maxBytes, trace.bytes(m) / 60 / MIB);
                maxRecords = Math.max(maxRecords, trace.records(m) / 60 / 1000);
                maxShards = Math.max(maxShards, result.shardsAt(m));
            }
            long x = start + first * 60_000L;
            bytes.add(x, maxBytes);
            records.add(x, maxRecords);
            shards.add(x, maxShards);
        }
        shards.add(start + minutes * 60_000L, result.shardsAt(minutes - 1));

        XYSeriesCollection demand = new XYSeriesCollection();
        demand.addSeries(bytes);
        demand.addSeries(records);
        XYSeriesCollection capacity = new XYSeriesCollection(shards);
        XYSeries ups = new XYSeries("scale-up", false, true);
        XYSeries downs = new XYSeries("scale-down", false, true);
        XYSeries refused = new XYSeries("refused UpdateShardCount", false, true);
        for (ShardCountCall call : result.calls()) {
            XYSeries events = !call.accepted() ? refused : call.targetShards() > call.fromShards() ? ups : downs;
            events.add(call.time().toEpochMilli(), call.targetShards());
        }
        XYSeriesCollection scalings = new XYSeriesCollection();
        scalings.addSeries(ups);
        scalings.addSeries(downs);
        scalings.addSeries(refused);

        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        NumberAxis axis = new NumberAxis("shards (1 MiB/s and 1,000 records/s each)");
        axis.setAutoRangeIncludesZero(true);

        XYLineAndShapeRenderer demandRenderer = new XYLineAndShapeRenderer(true, false);
        demandRenderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        demandRenderer.setSeriesPaint(1, new Color(0xff, 0x7f, 0x0e));
        demandRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        demandRenderer.setSeriesStroke(1, new BasicStroke(1.2f));
        XYStepRenderer capacityRenderer = new XYStepRenderer();
        capacityRenderer.setSeriesPaint(0, Color.BLACK);
        capacityRenderer.setSeriesStroke(0, new BasicStroke(2.2f));

        XYPlot plot = new XYPlot(demand, time, axis, demandRenderer);
        plot.setDataset(1, capacity);
        plot.setRenderer(1, capacityRenderer);
        XYLineAndShapeRenderer eventRenderer = new XYLineAndShapeRenderer(false, true);
        eventRenderer.setSeriesPaint(0, UP);
        eventRenderer.setSeriesShape(0, ShapeUtils.createUpTriangle(4f));
        eventRenderer.setSeriesPaint(1, DOWN);
        eventRenderer.setSeriesShape(1, ShapeUtils.createDownTriangle(4f));
        eventRenderer.setSeriesPaint(2, REFUSED);
        eventRenderer.setSeriesShape(2, ShapeUtils.createDiagonalCross(3f, 0.6f));
        plot.setDataset(2, scalings);
        plot.setRenderer(2, eventRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        List<ShardCountCall> accepted = result.acceptedCalls();
        if (accepted.size() <= MAX_EVENT_LINES) {
            for (ShardCountCall call : accepted) {
                ValueMarker marker = new ValueMarker(call.time().toEpochMilli());
                marker.setPaint(call.targetShards() > call.fromShards() ? UP : DOWN);
                marker.setStroke(new BasicStroke(1f));
                plot.addDomainMarker(marker);
            }
        }

        JFreeChart chart = new JFreeChart(trace.name() + ": demand vs provisioned shards (" + result.policy().label()
                + " policy)", new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(String.format(java.util.Locale.ROOT,
                "%.1f shard-hours, %d minutes over capacity, %d scalings (green: up, blue: down), %d refused calls (red)",
                result.shardHours(), result.overCapacityMinutes(), result.acceptedCalls().size(),
                result.refusedCalls().size()), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    /**
     * Writes the chart of a replay as a PNG file.
     *
     * @param result the replay
     * @param file the PNG file
     * @param width width in pixels
     * @param height height in pixels
     * @throws IOException when the file cannot be written
     */
    public static void write(ReplayResult result, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart(result), width, height);
    }
}
