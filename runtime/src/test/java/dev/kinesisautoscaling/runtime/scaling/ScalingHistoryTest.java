package dev.kinesisautoscaling.runtime.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingHistoryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00.123Z");

    @Test
    void writesAndReadsItsTags() {
        ScalingHistory history = ScalingHistory.EMPTY
                .withCall(NOW.minus(Duration.ofHours(3)))
                .withCall(NOW)
                .withLimitExceeded(NOW.plusSeconds(1));

        Map<String, String> tags = history.toTags();

        assertThat(tags).containsEntry("LastScaledTimestamp", "2026-11-29T12:00:00.123+0000")
                .containsEntry("RecentScalingCalls", "20261129T090000Z 20261129T120000Z")
                .containsEntry("LimitExceededTimestamp", "2026-11-29T12:00:01.123+0000");
        ScalingHistory read = ScalingHistory.fromTags("orders-scale-up", tags);
        assertThat(read.lastScaled()).contains(NOW);
        assertThat(read.recentCalls()).containsExactly(Instant.parse("2026-11-29T09:00:00Z"), Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(read.lastLimitExceeded()).contains(Instant.parse("2026-11-29T12:00:01.123Z"));
    }

    @Test
    void treatsAStateChangeAtOrBeforeTheLastScalingAsStale() {
        ScalingHistory history = ScalingHistory.EMPTY.withCall(NOW);

        assertThat(history.isStale(NOW.minusMillis(1))).isTrue();
        assertThat(history.isStale(NOW)).isTrue();
        assertThat(history.isStale(NOW.plusMillis(1))).isFalse();
        assertThat(ScalingHistory.EMPTY.isStale(NOW)).isFalse();
    }

    @Test
    void dropsCallsThatLeftTheWindowWhenACallIsAdded() {
        ScalingHistory history = ScalingHistory.EMPTY.withCall(NOW.minus(Duration.ofHours(25))).withCall(NOW);

        assertThat(history.recentCalls()).containsExactly(NOW);
    }

    @Test
    void keepsAtMostADailyLimitOfCalls() {
        ScalingHistory history = ScalingHistory.EMPTY;
        for (int i = 0; i < 15; i++) {
            history = history.withCall(NOW.plusSeconds(i));
        }

        assertThat(history.recentCalls()).hasSize(10).startsWith(NOW.plusSeconds(5));
        assertThat(history.toTags().get("RecentScalingCalls").length()).isLessThanOrEqualTo(256);
    }

    @Test
    void mergesWhatBothAlarmsRemember() {
        ScalingHistory up = new ScalingHistory(Optional.of(NOW), List.of(NOW.minusSeconds(60), NOW), Optional.empty());
        ScalingHistory down = new ScalingHistory(Optional.of(NOW.minusSeconds(60)), List.of(NOW.minusSeconds(60)),
                Optional.of(NOW.minusSeconds(5)));

        ScalingHistory merged = up.merge(down);

        assertThat(merged.lastScaled()).contains(NOW);
        assertThat(merged.recentCalls()).containsExactly(NOW.minusSeconds(60), NOW);
        assertThat(merged.lastLimitExceeded()).contains(NOW.minusSeconds(5));
    }

    @Test
    void namesTheAlarmTheTagAndTheValueWhenATimestampIsUnreadable() {
        assertThatThrownBy(() -> ScalingHistory.fromTags("orders-scale-up", Map.of("LastScaledTimestamp", "last tuesday")))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-up has tag LastScaledTimestamp = 'last tuesday'; it must be a UTC time "
                        + "such as 2026-01-01T12:00:00.000+0000");
    }

    @Test
    void namesTheAlarmTheTagAndTheValueWhenTheCallsAreUnreadable() {
        assertThatThrownBy(() -> ScalingHistory.fromTags("orders-scale-up", Map.of("RecentScalingCalls", "1,2,3")))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-up has tag RecentScalingCalls = '1,2,3'; it must be UTC times such as "
                        + "20260101T120000Z separated by spaces");
    }
}
