package dev.kinesisautoscaling.simulator.cost;

import dev.kinesisautoscaling.simulator.trace.TrafficTrace;

/**
 * What the same trace costs in provisioned mode (with the simulated shard count) and in on-demand
 * mode.
 *
 * <p>Billing units are derived from each minute's totals, assuming every record of a minute has the
 * minute's average size: PUT payload units are {@code records * ceil(size / 25 KB)}, on-demand data
 * written is {@code records * ceil(size / 1 KB)} KB, data read is the bytes written times
 * {@link PriceTable#readsPerByteWritten()}. KB is 1,024 bytes and GB 2^30 bytes. Demand counts in
 * full (throttled writes are assumed to be retried), and extended retention, enhanced fan-out and
 * on-demand's own throughput limits are left out.
 *
 * @param shardHours provisioned shard-hours
 * @param putPayloadUnits provisioned PUT payload units
 * @param streamHours hours of the trace, the on-demand stream-hours
 * @param dataInGb on-demand GB written
 * @param dataOutGb on-demand GB read
 * @param provisionedShardCost dollars for shard-hours
 * @param provisionedPutCost dollars for PUT payload units
 * @param onDemandStreamCost dollars for stream-hours
 * @param onDemandDataInCost dollars for data written
 * @param onDemandDataOutCost dollars for data read
 * @param prices the prices used
 */
public record CostEstimate(
        double shardHours,
        double putPayloadUnits,
        double streamHours,
        double dataInGb,
        double dataOutGb,
        double provisionedShardCost,
        double provisionedPutCost,
        double onDemandStreamCost,
        double onDemandDataInCost,
        double onDemandDataOutCost,
        PriceTable prices) {

    private static final double KB = 1024;
    private static final double PUT_PAYLOAD_UNIT = 25 * KB;
    private static final double GB = 1024.0 * 1024 * 1024;

    /**
     * Prices a trace and a simulated shard-hour total.
     *
     * @param trace the traffic
     * @param shardHours the provisioned shard-hours the simulation used
     * @param prices the prices
     * @return the estimate
     */
    public static CostEstimate of(TrafficTrace trace, double shardHours, PriceTable prices) {
        double units = 0;
        double kbIn = 0;
        double bytesIn = 0;
        for (int m = 0; m < trace.minutes(); m++) {
            double records = trace.records(m);
            double bytes = trace.bytes(m);
            if (records <= 0) {
                continue;
            }
            double size = bytes / records;
            units += records * Math.max(1, Math.ceil(size / PUT_PAYLOAD_UNIT));
            kbIn += records * Math.max(1, Math.ceil(size / KB));
            bytesIn += bytes;
        }
        double streamHours = trace.minutes() / 60.0;
        double dataInGb = kbIn * KB / GB;
        double dataOutGb = bytesIn * prices.readsPerByteWritten() / GB;
        return new CostEstimate(shardHours, units, streamHours, dataInGb, dataOutGb,
                shardHours * prices.provisionedShardHour(),
                units / 1_000_000 * prices.provisionedPutPayloadUnitsPerMillion(),
                streamHours * prices.onDemandStreamHour(),
                dataInGb * prices.onDemandDataInPerGb(),
                dataOutGb * prices.onDemandDataOutPerGb(),
                prices);
    }

    /**
     * The provisioned total.
     *
     * @return dollars for shard-hours and PUT payload units
     */
    public double provisionedTotal() {
        return provisionedShardCost + provisionedPutCost;
    }

    /**
     * The on-demand total.
     *
     * @return dollars for stream-hours, data written and data read
     */
    public double onDemandTotal() {
        return onDemandStreamCost + onDemandDataInCost + onDemandDataOutCost;
    }
}
