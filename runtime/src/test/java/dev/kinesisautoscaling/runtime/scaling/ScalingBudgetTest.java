package dev.kinesisautoscaling.runtime.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingBudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** {@code count} calls, one an hour, the newest one hour ago. */
    private static ScalingHistory callsEveryHour(int count) {
        List<Instant> calls = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            calls.add(NOW.minus(Duration.ofHours(i)));
        }
        return new ScalingHistory(Optional.empty(), calls, Optional.empty());
    }

    @ParameterizedTest(name = "{0} calls in 24 h: up allowed {1}, down allowed {2}")
    @CsvSource({
        "0,  true, true",
        "1,  true, true",
        "7,  true, true",
        "8,  true, false",
        "9,  true, false",
        "10, false, false",
    })
    void keepsTheLastTwoCallsOfTheDailyLimitForScaleUps(int calls, boolean upAllowed, boolean downAllowed) {
        ScalingHistory history = callsEveryHour(calls);

        assertThat(ScalingBudget.check(history, ScaleAction.UP, NOW).allowed()).isEqualTo(upAllowed);
        assertThat(ScalingBudget.check(history, ScaleAction.DOWN, NOW).allowed()).isEqualTo(downAllowed);
    }

    @Test
    void saysWhenAScaleUpBecomesPossibleAgain() {
        ScalingBudget.Check check = ScalingBudget.check(callsEveryHour(10), ScaleAction.UP, NOW);

        assertThat(check.callsInWindow()).isEqualTo(10);
        assertThat(check.callsAllowed()).isEqualTo(10);
        // the oldest call, ten hours ago, leaves the window in fourteen hours
        assertThat(check.availableAt()).contains(NOW.plus(Duration.ofHours(14)));
    }

    @Test
    void saysWhenAScaleDownBecomesPossibleAgain() {
        ScalingBudget.Check check = ScalingBudget.check(callsEveryHour(9), ScaleAction.DOWN, NOW);

        // nine calls, eight allowed: the two oldest (nine and eight hours ago) must leave; the second leaves in sixteen hours
        assertThat(check.availableAt()).contains(NOW.plus(Duration.ofHours(16)));
    }

    @Test
    void forgetsCallsOlderThanTwentyFourHours() {
        List<Instant> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(NOW.minus(Duration.ofHours(24)).minusSeconds(i));
        }
        ScalingHistory history = new ScalingHistory(Optional.empty(), calls, Optional.empty());

        assertThat(ScalingBudget.check(history, ScaleAction.UP, NOW).allowed()).isTrue();
        assertThat(ScalingBudget.check(history, ScaleAction.UP, NOW).callsInWindow()).isZero();
    }

    @Test
    void holdsTheStreamForAnHourAfterKinesisRefusedACallWithALimit() {
        ScalingHistory refused = new ScalingHistory(Optional.empty(), List.of(), Optional.of(NOW.minus(Duration.ofMinutes(20))));

        ScalingBudget.Check check = ScalingBudget.check(refused, ScaleAction.UP, NOW);

        assertThat(check.allowed()).isFalse();
        assertThat(check.availableAt()).contains(NOW.plus(Duration.ofMinutes(40)));
        assertThat(ScalingBudget.check(refused, ScaleAction.UP, NOW.plus(Duration.ofMinutes(40))).allowed()).isTrue();
    }
}
