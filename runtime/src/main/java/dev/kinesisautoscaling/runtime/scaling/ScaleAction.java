package dev.kinesisautoscaling.runtime.scaling;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.Optional;

/** The direction an alarm of the pair scales its stream in. */
public enum ScaleAction {
    /** Double the shard count, up to the maximum. */
    UP(AlarmContract.SCALE_ACTION_UP, AlarmContract.SCALE_UP_SUFFIX),
    /** Halve the shard count (rounding up), down to the minimum. */
    DOWN(AlarmContract.SCALE_ACTION_DOWN, AlarmContract.SCALE_DOWN_SUFFIX);

    private final String tagValue;
    private final String alarmSuffix;

    ScaleAction(String tagValue, String alarmSuffix) {
        this.tagValue = tagValue;
        this.alarmSuffix = alarmSuffix;
    }

    /**
     * The value of the {@code ScaleAction} tag for this direction.
     *
     * @return {@code Up} or {@code Down}
     */
    public String tagValue() {
        return tagValue;
    }

    /**
     * The suffix that names an alarm of this direction.
     *
     * @return {@code -scale-up} or {@code -scale-down}
     */
    public String alarmSuffix() {
        return alarmSuffix;
    }

    /**
     * The other direction.
     *
     * @return {@link #DOWN} for {@link #UP} and the other way round
     */
    public ScaleAction opposite() {
        return this == UP ? DOWN : UP;
    }

    /**
     * Reads the direction from an alarm's name.
     *
     * @param alarmName the alarm's name
     * @return the direction whose suffix ends the name, or empty when neither does
     */
    public static Optional<ScaleAction> fromAlarmName(String alarmName) {
        for (ScaleAction action : values()) {
            if (alarmName.endsWith(action.alarmSuffix) && alarmName.length() > action.alarmSuffix.length()) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the direction from the {@code ScaleAction} tag's value.
     *
     * @param tagValue {@code Up} or {@code Down}
     * @return the direction, or empty for any other value
     */
    public static Optional<ScaleAction> fromTagValue(String tagValue) {
        for (ScaleAction action : values()) {
            if (action.tagValue.equals(tagValue)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
