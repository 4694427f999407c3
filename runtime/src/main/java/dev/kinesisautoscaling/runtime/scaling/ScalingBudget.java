package dev.kinesisautoscaling.runtime.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Kinesis' limit of {@value #DAILY_CALLS} {@code UpdateShardCount} calls per stream in any 24
 * hours, kept so that the Lambda never makes a call the limit would refuse.
 *
 * <p>Scale-downs stop {@value #RESERVED_FOR_SCALE_UP} calls short of the limit, so that a stream
 * which shrank all day can still grow when its traffic comes back. After Kinesis refuses a call
 * with a limit anyway (calls made outside the Lambda count too), the stream is held for
 * {@link #REFUSAL_HOLD} instead of being retried at every alarm evaluation.
 */
public final class ScalingBudget {

    /** Calls Kinesis allows per stream in any {@link #WINDOW}. */
    public static final int DAILY_CALLS = 10;
    /** Calls of the budget that only scale-ups may use. */
    public static final int RESERVED_FOR_SCALE_UP = 2;
    /** The rolling window of the limit. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** How long a stream is held after Kinesis refused a call with a limit. */
    public static final Duration REFUSAL_HOLD = Duration.ofHours(1);

    private ScalingBudget() {
    }

    /**
     * The budget's answer for one call.
     *
     * @param allowed whether the call may be made now
     * @param callsInWindow calls made in the last 24 hours
     * @param callsAllowed calls this direction may use in 24 hours
     * @param availableAt when the call may be made, if not now
     */
    public record Check(boolean allowed, int callsInWindow, int callsAllowed, Optional<Instant> availableAt) {
    }

    /**
     * Whether a call in the given direction may be made now.
     *
     * @param history what the alarm pair remembers
     * @param action the direction of the call
     * @param now the current time
     * @return the answer, with when the call becomes possible if it is refused
     */
    public static Check check(ScalingHistory history, ScaleAction action, Instant now) {
        int allowed = action == ScaleAction.UP ? DAILY_CALLS : DAILY_CALLS - RESERVED_FOR_SCALE_UP;
        Instant windowStart = now.minus(WINDOW);
        List<Instant> inWindow = history.recentCalls().stream().filter(call -> call.isAfter(windowStart)).toList();
        Optional<Instant> holdUntil = history.lastLimitExceeded().map(at -> at.plus(REFUSAL_HOLD)).filter(now::isBefore);
        if (inWindow.size() < allowed && holdUntil.isEmpty()) {
            return new Check(true, inWindow.size(), allowed, Optional.empty());
        }
        Instant available = now;
        if (inWindow.size() >= allowed) {
            // The oldest calls must leave the window until one fewer than the allowance remain.
            available = inWindow.get(inWindow.size() - allowed).plus(WINDOW);
        }
        if (holdUntil.isPresent() && holdUntil.get().isAfter(available)) {
            available = holdUntil.get();
        }
        return new Check(false, inWindow.size(), allowed, Optional.of(available));
    }
}
