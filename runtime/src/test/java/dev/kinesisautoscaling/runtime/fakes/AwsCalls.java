package dev.kinesisautoscaling.runtime.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The calls made to the fake AWS clients, in order, and the faults to inject into them. */
public final class AwsCalls {

    /** Operations that change something in AWS. */
    public static final Set<String> MUTATING = Set.of("UpdateShardCount", "PutMetricAlarm", "SetAlarmState",
            "TagResource", "PutFunctionConcurrency", "DeleteFunctionConcurrency");

    /** One call. */
    public record Call(String operation, Object request) {
    }

    /** When an injected fault strikes relative to the call's effect. */
    public enum Timing {
        /** The call fails and changes nothing. */
        BEFORE_EFFECT,
        /** The call takes effect, then its response is lost. */
        AFTER_EFFECT
    }

    private record Fault(int callNumber, Timing timing, Supplier<RuntimeException> failure, boolean always) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    /**
     * Makes the n-th call (counting from 1, from now on) of an operation fail.
     */
    public void failCall(String operation, int callNumber, Timing timing, Supplier<RuntimeException> failure) {
        int base = counts.getOrDefault(operation, 0);
        faults.computeIfAbsent(operation, k -> new ArrayList<>()).add(new Fault(base + callNumber, timing, failure, false));
    }

    /** Makes every call of an operation fail before it takes effect. */
    public void failAlways(String operation, Supplier<RuntimeException> failure) {
        faults.computeIfAbsent(operation, k -> new ArrayList<>()).add(new Fault(0, Timing.BEFORE_EFFECT, failure, true));
    }

    /** Removes every injected fault. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Records a call; throws the fault due before its effect, and returns the one due after it.
     */
    RuntimeException enter(String operation, Object request) {
        calls.add(new Call(operation, request));
        int number = counts.merge(operation, 1, Integer::sum);
        for (Fault fault : faults.getOrDefault(operation, List.of())) {
            if (fault.always() || fault.callNumber() == number) {
                if (fault.timing() == Timing.BEFORE_EFFECT) {
                    throw fault.failure().get();
                }
                return fault.failure().get();
            }
        }
        return null;
    }

    /** Throws the fault due after a call's effect, if any. */
    static void exit(RuntimeException afterEffect) {
        if (afterEffect != null) {
            throw afterEffect;
        }
    }

    /** All calls, in order. */
    public List<Call> all() {
        return List.copyOf(calls);
    }

    /** The calls of one operation, in order. */
    public List<Call> of(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    /** How many times an operation was called. */
    public int count(String operation) {
        return of(operation).size();
    }

    /** The names of the mutating calls, in order. */
    public List<String> mutating() {
        return calls.stream().map(Call::operation).filter(MUTATING::contains).toList();
    }
}
