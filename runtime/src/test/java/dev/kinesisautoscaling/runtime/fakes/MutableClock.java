package dev.kinesisautoscaling.runtime.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand; safe to share with the threads of a local endpoint. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * Starts the clock at an instant.
     *
     * @param start the first instant the clock tells
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Sets the clock.
     *
     * @param instant the instant the clock tells from now on
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
