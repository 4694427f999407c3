package dev.kinesisautoscaling.simulator.report;

import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.cost.CostEstimate;
import dev.kinesisautoscaling.simulator.replay.ReplayResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes replay results for people: a summary of one replay and a Markdown table comparing several.
 */
public final class TextReport {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final int LISTED_CALLS = 40;

    private TextReport() {
    }

    /**
     * The summary of one replay.
     *
     * @param result the replay
     * @param cost its cost estimate
     * @param alarmSource where the alarms came from
     * @return several lines of text
     */
    public static String summary(ReplayResult result, CostEstimate cost, String alarmSource) {
        StringBuilder out = new StringBuilder();
        int minutes = result.trace().minutes();
        line(out, "Trace %s: %d minutes (%.1f days) from %s", result.trace().name(), minutes, minutes / 1440.0,
                result.trace().start());
        line(out, "Stream %s, alarms from %s, %s policy", result.streamName(), alarmSource, result.policy().label());
        line(out, "");
        line(out, "Shards:             %d at the start, %d at the end, %d at most",
                result.shardsAt(0), result.shardsAt(minutes - 1), result.peakShards());
        line(out, "Shard-hours:        %.2f", result.shardHours());
        line(out, "Over capacity:      %d minutes (%.2f%% of the trace); %.3f GiB and %.0f records above capacity",
                result.overCapacityMinutes(), 100.0 * result.overCapacityMinutes() / minutes,
                result.rejectedBytes() / GIB, result.rejectedRecords());
        line(out, "UpdateShardCount:   %d accepted, %d refused", result.acceptedCalls().size(),
                result.refusedCalls().size());
        List<String> callLines = callLines(result.calls());
        for (int i = 0; i < Math.min(callLines.size(), LISTED_CALLS); i++) {
            out.append("  ").append(callLines.get(i)).append('\n');
        }
        if (callLines.size() > LISTED_CALLS) {
            line(out, "  ... and %d more lines", callLines.size() - LISTED_CALLS);
        }
        line(out, "Notifications:      %d delivered, %s", result.notifications(), outcomes(result.outcomes()));
        line(out, "Alarms:             %d state changes, %d evaluations", result.alarmStateChanges(),
                result.alarmEvaluations());
        line(out, "");
        line(out, "Cost (%s):", cost.prices().source());
        line(out, "  provisioned  $%,.2f  = %.2f shard-hours x $%s + %.1f M PUT payload units x $%s",
                cost.provisionedTotal(), cost.shardHours(), price(cost.prices().provisionedShardHour()),
                cost.putPayloadUnits() / 1e6, price(cost.prices().provisionedPutPayloadUnitsPerMillion()));
        line(out, "  on-demand    $%,.2f  = %.1f stream-hours x $%s + %.2f GB in x $%s + %.2f GB out x $%s",
                cost.onDemandTotal(), cost.streamHours(), price(cost.prices().onDemandStreamHour()), cost.dataInGb(),
                price(cost.prices().onDemandDataInPerGb()), cost.dataOutGb(), price(cost.prices().onDemandDataOutPerGb()));
        double provisioned = cost.provisionedTotal();
        double onDemand = cost.onDemandTotal();
        if (provisioned <= onDemand) {
            line(out, "  provisioned with auto scaling is cheaper by $%,.2f (%.0f%%)", onDemand - provisioned,
                    onDemand == 0 ? 0 : 100 * (onDemand - provisioned) / onDemand);
        } else {
            line(out, "  on-demand is cheaper by $%,.2f (%.0f%%)", provisioned - onDemand,
                    100 * (provisioned - onDemand) / provisioned);
        }
        line(out, "");
        line(out, "Replayed in %.2f s (%.1f simulated days per second)", result.wallTime().toNanos() / 1e9,
                result.simulatedDaysPerSecond());
        return out.toString();
    }

    /**
     * The calls, one line each, with runs of the same refused call (a policy that retries every
     * minute) folded into one line.
     *
     * @param calls the calls, oldest first
     * @return the lines
     */
    static List<String> callLines(List<ShardCountCall> calls) {
        List<String> lines = new java.util.ArrayList<>();
        int i = 0;
        while (i < calls.size()) {
            ShardCountCall call = calls.get(i);
            if (call.accepted()) {
                lines.add(String.format(Locale.ROOT, "%s  %d -> %d  %s", call.time(), call.fromShards(), call.targetShards(),
                        call.targetShards() > call.fromShards() ? "scale-up" : "scale-down"));
                i++;
                continue;
            }
            int end = i;
            String kind = refusalKind(call);
            while (end + 1 < calls.size() && !calls.get(end + 1).accepted()
                    && calls.get(end + 1).fromShards() == call.fromShards()
                    && calls.get(end + 1).targetShards() == call.targetShards()
                    && refusalKind(calls.get(end + 1)).equals(kind)) {
                end++;
            }
            if (end == i) {
                lines.add(String.format(Locale.ROOT, "%s  %d -> %d  refused: %s", call.time(), call.fromShards(),
                        call.targetShards(), call.refusal()));
            } else {
                lines.add(String.format(Locale.ROOT, "%s .. %s  %d -> %d  refused %d times: %s", call.time(),
                        calls.get(end).time(), call.fromShards(), call.targetShards(), end - i + 1, call.refusal()));
            }
            i = end + 1;
        }
        return lines;
    }

    private static String refusalKind(ShardCountCall call) {
        String refusal = call.refusal() == null ? "" : call.refusal();
        int colon = refusal.indexOf(':');
        return colon < 0 ? refusal : refusal.substring(0, colon);
    }

    /**
     * One row of a comparison: a replay and its cost.
     *
     * @param result the replay
     * @param cost its cost estimate
     */
    public record Row(ReplayResult result, CostEstimate cost) {
    }

    /**
     * A Markdown table comparing replays, one row per replay.
     *
     * @param rows the replays
     * @return the table, header included
     */
    public static String comparison(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        line(out, "| trace | days | policy | shard-hours | peak shards | minutes over capacity | scaling calls | refused calls "
                + "| provisioned cost | on-demand cost |");
        line(out, "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            ReplayResult result = row.result();
            line(out, "| %s | %.0f | %s | %.1f | %d | %d | %d | %d | $%,.2f | $%,.2f |", result.trace().name(),
                    result.trace().minutes() / 1440.0, result.policy().label(), result.shardHours(), result.peakShards(),
                    result.overCapacityMinutes(), result.acceptedCalls().size(), result.refusedCalls().size(),
                    row.cost().provisionedTotal(), row.cost().onDemandTotal());
        }
        return out.toString();
    }

    private static String outcomes(Map<String, Long> outcomes) {
        if (outcomes.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(outcomes).forEach((outcome, count) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(outcome).append(' ').append(count);
        });
        return text.toString();
    }

    private static String price(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder out, String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
