package dev.kinesisautoscaling.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The event of the reconciliation schedule: the alarm pairs to compare with their streams.
 *
 * <pre>{"reconcile": [{"scaleUpAlarm": "orders-scale-up", "scaleDownAlarm": "orders-scale-down"}]}</pre>
 *
 * @param pairs the alarm pairs, in order
 */
public record ReconciliationRequest(List<AlarmPairNames> pairs) {

    /** The key that marks a reconciliation request. */
    public static final String KEY = "reconcile";

    /**
     * The names of one stream's two alarms.
     *
     * @param scaleUpAlarm the scale-up alarm's name
     * @param scaleDownAlarm the scale-down alarm's name
     */
    public record AlarmPairNames(String scaleUpAlarm, String scaleDownAlarm) {
    }

    /**
     * Copies the list.
     *
     * @param pairs the alarm pairs
     */
    public ReconciliationRequest {
        pairs = List.copyOf(pairs);
    }

    /**
     * Whether an event is a reconciliation request (well formed or not).
     *
     * @param event the event
     * @return true when it carries the {@value #KEY} key
     */
    public static boolean isReconciliation(JsonNode event) {
        return event != null && event.isObject() && event.has(KEY);
    }

    /**
     * Reads a reconciliation request, refusing anything that is not exactly one.
     *
     * @param event the event
     * @return the request
     * @throws IllegalArgumentException saying what is wrong with the event
     */
    public static ReconciliationRequest parse(JsonNode event) {
        for (String field : fieldNames(event)) {
            if (!KEY.equals(field)) {
                throw new IllegalArgumentException("a reconciliation request has only \"" + KEY + "\"; it also has \""
                        + field + "\"");
            }
        }
        JsonNode pairs = event.get(KEY);
        if (pairs == null || !pairs.isArray()) {
            throw new IllegalArgumentException("a reconciliation request needs \"" + KEY + "\": a list of "
                    + "{\"scaleUpAlarm\", \"scaleDownAlarm\"} objects");
        }
        List<AlarmPairNames> names = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            JsonNode pair = pairs.get(i);
            for (String field : fieldNames(pair)) {
                if (!field.equals("scaleUpAlarm") && !field.equals("scaleDownAlarm")) {
                    throw new IllegalArgumentException("reconcile[" + i + "] has only \"scaleUpAlarm\" and "
                            + "\"scaleDownAlarm\"; it also has \"" + field + "\"");
                }
            }
            String up = text(pair, "scaleUpAlarm", i);
            String down = text(pair, "scaleDownAlarm", i);
            if (!up.endsWith(AlarmContract.SCALE_UP_SUFFIX)) {
                throw new IllegalArgumentException("reconcile[" + i + "].scaleUpAlarm ('" + up + "') must end in "
                        + AlarmContract.SCALE_UP_SUFFIX);
            }
            if (!down.endsWith(AlarmContract.SCALE_DOWN_SUFFIX)) {
                throw new IllegalArgumentException("reconcile[" + i + "].scaleDownAlarm ('" + down + "') must end in "
                        + AlarmContract.SCALE_DOWN_SUFFIX);
            }
            names.add(new AlarmPairNames(up, down));
        }
        return new ReconciliationRequest(names);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static String text(JsonNode pair, String field, int index) {
        JsonNode value = pair == null ? null : pair.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("reconcile[" + index + "] needs \"" + field + "\", an alarm name");
        }
        return value.textValue();
    }
}
