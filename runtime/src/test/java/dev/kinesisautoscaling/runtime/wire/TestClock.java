package dev.kinesisautoscaling.runtime.wire;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that the test moves by hand, shared by the handler under test and the local endpoint
 * (whose threads read it, hence the atomic reference).
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * Starts at the given time.
     *
     * @param start the first time the clock tells
     */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Moves the clock to a time.
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
