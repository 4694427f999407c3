package dev.kinesisautoscaling.simulator.cloudwatch;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * Identifies one CloudWatch metric: namespace, name and the exact set of dimensions, as CloudWatch
 * matches them (a metric with an extra dimension is another metric).
 *
 * @param namespace the namespace, such as {@code AWS/Kinesis}
 * @param metricName the metric name, such as {@code IncomingBytes}
 * @param dimensions dimension names to values, sorted by name
 */
public record MetricKey(String namespace, String metricName, Map<String, String> dimensions) {

    /**
     * Keeps a sorted, unmodifiable copy of the dimensions.
     *
     * @param namespace the namespace
     * @param metricName the metric name
     * @param dimensions the dimensions
     */
    public MetricKey {
        dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    /**
     * A metric of a Kinesis stream.
     *
     * @param metricName such as {@code IncomingBytes}
     * @param streamName the value of the {@code StreamName} dimension
     * @return the key in namespace {@code AWS/Kinesis}
     */
    public static MetricKey kinesisStream(String metricName, String streamName) {
        return new MetricKey("AWS/Kinesis", metricName, Map.of("StreamName", streamName));
    }

    /**
     * The key of the metric an alarm's {@code MetricStat} reads.
     *
     * @param metric the SDK metric
     * @return the key
     */
    public static MetricKey of(Metric metric) {
        Map<String, String> dimensions = new TreeMap<>();
        if (metric.hasDimensions()) {
            for (Dimension dimension : metric.dimensions()) {
                dimensions.put(dimension.name(), dimension.value());
            }
        }
        return new MetricKey(metric.namespace(), metric.metricName(), dimensions);
    }
}
