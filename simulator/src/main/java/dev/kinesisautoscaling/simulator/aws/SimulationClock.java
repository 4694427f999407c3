package dev.kinesisautoscaling.simulator.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated time shared by the simulated AWS services and the scaling Lambda under test.
 *
 * <p>Only the replay moves it, and only forwards: every service reads the same instant, so an
 * {@code UpdateShardCount} and the alarm state change that caused it are ordered exactly as the
 * replay scheduled them.
 */
public final class SimulationClock extends Clock {

    private Instant now;

    /**
     * A clock standing at the given instant.
     *
     * @param start the first instant of the simulation
     */
    public SimulationClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward.
     *
     * @param instant the new time; not before the current one
     * @throws IllegalArgumentException when asked to move backwards
     */
    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the simulation clock cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Returns this clock: simulated time has no zone of its own, and every view of it must move together.
     *
     * @param zone ignored
     * @return this clock
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
