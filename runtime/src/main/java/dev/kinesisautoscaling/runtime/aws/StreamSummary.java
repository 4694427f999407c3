package dev.kinesisautoscaling.runtime.aws;

/**
 * What the Lambda needs to know about a stream before it scales it.
 *
 * @param status {@code CREATING}, {@code DELETING}, {@code ACTIVE} or {@code UPDATING}
 * @param onDemand whether the stream is in on-demand capacity mode
 * @param openShardCount the number of open shards
 */
public record StreamSummary(String status, boolean onDemand, int openShardCount) {

    /**
     * Whether Kinesis accepts an {@code UpdateShardCount} for the stream now.
     *
     * @return true when the stream is {@code ACTIVE}
     */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
