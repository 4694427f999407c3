package dev.kinesisautoscaling.runtime.scaling;

import static dev.kinesisautoscaling.contract.AlarmContract.TAG_LAST_SCALED_TIMESTAMP;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_LIMIT_EXCEEDED_TIMESTAMP;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_RECENT_SCALING_CALLS;
import static dev.kinesisautoscaling.contract.AlarmContract.TIMESTAMP_FORMAT;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the Lambda remembers about a stream's scaling, kept in the tags of its alarm pair.
 *
 * @param lastScaled when the pair was last rewritten for a new shard count; notifications from
 *     before it are stale
 * @param recentCalls the {@code UpdateShardCount} calls of the last 24 hours, oldest first
 * @param lastLimitExceeded when Kinesis last refused a call with {@code LimitExceededException}
 */
public record ScalingHistory(Optional<Instant> lastScaled, List<Instant> recentCalls, Optional<Instant> lastLimitExceeded) {

    /** Compact UTC form of one call in the {@code RecentScalingCalls} tag, which allows no commas. */
    private static final DateTimeFormatter CALL_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A history with nothing in it. */
    public static final ScalingHistory EMPTY = new ScalingHistory(Optional.empty(), List.of(), Optional.empty());

    /**
     * Keeps the calls sorted and at most a budget's worth of them.
     *
     * @param lastScaled when the pair was last rewritten for a new shard count
     * @param recentCalls the recent {@code UpdateShardCount} calls
     * @param lastLimitExceeded when Kinesis last refused a call with a limit
     */
    public ScalingHistory {
        TreeSet<Instant> sorted = new TreeSet<>(recentCalls);
        while (sorted.size() > ScalingBudget.DAILY_CALLS) {
            sorted.pollFirst();
        }
        recentCalls = List.copyOf(sorted);
    }

    /**
     * Reads the history from an alarm's tags.
     *
     * @param alarmName the alarm's name, for error messages
     * @param tags the alarm's tags
     * @return the history; empty parts for missing tags
     * @throws AlarmConfigurationException when a tag is present but unreadable
     */
    public static ScalingHistory fromTags(String alarmName, Map<String, String> tags) {
        Optional<Instant> lastScaled = timestampTag(alarmName, tags, TAG_LAST_SCALED_TIMESTAMP);
        Optional<Instant> limitExceeded = timestampTag(alarmName, tags, TAG_LIMIT_EXCEEDED_TIMESTAMP);
        List<Instant> calls = new ArrayList<>();
        String value = tags.get(TAG_RECENT_SCALING_CALLS);
        if (value != null) {
            for (String call : value.trim().split("\\s+")) {
                if (call.isEmpty()) {
                    continue;
                }
                try {
                    calls.add(Instant.from(CALL_FORMAT.parse(call)));
                } catch (DateTimeParseException e) {
                    throw new AlarmConfigurationException("alarm " + alarmName + " has tag " + TAG_RECENT_SCALING_CALLS
                            + " = '" + value + "'; it must be UTC times such as 20260101T120000Z separated by spaces");
                }
            }
        }
        return new ScalingHistory(lastScaled, calls, limitExceeded);
    }

    /**
     * Combines what two alarms of a pair remember, so that a tag write that reached only one of them
     * is not forgotten.
     *
     * @param other the history read from the other alarm
     * @return the later of each timestamp and the union of the calls
     */
    public ScalingHistory merge(ScalingHistory other) {
        List<Instant> calls = new ArrayList<>(recentCalls);
        calls.addAll(other.recentCalls);
        return new ScalingHistory(latest(lastScaled, other.lastScaled), calls,
                latest(lastLimitExceeded, other.lastLimitExceeded));
    }

    /**
     * Whether a notification was already acted on: its state change is not after the last rewrite.
     *
     * @param stateChangeTime the notification's {@code StateChangeTime}
     * @return true when the notification is stale or a duplicate
     */
    public boolean isStale(Instant stateChangeTime) {
        return lastScaled.map(last -> !stateChangeTime.isAfter(last)).orElse(false);
    }

    /**
     * The history after an {@code UpdateShardCount} call, dropping calls older than the budget's window.
     *
     * @param at when the call was made
     * @return the new history
     */
    public ScalingHistory withCall(Instant at) {
        List<Instant> calls = new ArrayList<>();
        for (Instant call : recentCalls) {
            if (call.isAfter(at.minus(ScalingBudget.WINDOW))) {
                calls.add(call);
            }
        }
        calls.add(at);
        return new ScalingHistory(Optional.of(at), calls, lastLimitExceeded);
    }

    /**
     * The history after the pair was rewritten for the stream's real shard count without a call.
     *
     * @param at when the pair was rewritten
     * @return the new history
     */
    public ScalingHistory withRepair(Instant at) {
        return new ScalingHistory(Optional.of(at), recentCalls, lastLimitExceeded);
    }

    /**
     * The history after Kinesis refused a call with {@code LimitExceededException}.
     *
     * @param at when the call was refused
     * @return the new history
     */
    public ScalingHistory withLimitExceeded(Instant at) {
        return new ScalingHistory(lastScaled, recentCalls, Optional.of(at));
    }

    /**
     * The tags that store this history.
     *
     * @return tag keys and values: the timestamps that are present, and the calls always (empty
     *     when there are none, so that writing the tags also takes a call back out)
     */
    public Map<String, String> toTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        lastScaled.ifPresent(at -> tags.put(TAG_LAST_SCALED_TIMESTAMP, TIMESTAMP_FORMAT.format(at)));
        List<String> calls = new ArrayList<>();
        for (Instant call : recentCalls) {
            calls.add(CALL_FORMAT.format(call));
        }
        tags.put(TAG_RECENT_SCALING_CALLS, String.join(" ", calls));
        lastLimitExceeded.ifPresent(at -> tags.put(TAG_LIMIT_EXCEEDED_TIMESTAMP, TIMESTAMP_FORMAT.format(at)));
        return tags;
    }

    private static Optional<Instant> timestampTag(String alarmName, Map<String, String> tags, String key) {
        String value = tags.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(TIMESTAMP_FORMAT.parse(value.trim())));
        } catch (DateTimeParseException e) {
            throw new AlarmConfigurationException("alarm " + alarmName + " has tag " + key + " = '" + value
                    + "'; it must be a UTC time such as 2026-01-01T12:00:00.000+0000");
        }
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isAfter(b.get()) ? a : b;
    }
}
