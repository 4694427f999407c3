package dev.kinesisautoscaling.internal;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStableAnyProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The schedule that has the scaling function compare every alarm pair with its stream.
 *
 * <p>Each target's event names the pairs it checks. An event holds at most 8,192 characters and a
 * rule at most five targets, and one invocation should check a bounded number of pairs, so the
 * pairs are spread over as many targets and rules as they need; a name that is a token counts as
 * the longest alarm name.
 */
public final class ReconciliationSchedule {

    /** EventBridge's limit on a target's input, in characters. */
    public static final int MAX_INPUT_SIZE = 8_192;
    /** EventBridge's limit of targets per rule. */
    public static final int MAX_TARGETS_PER_RULE = 5;
    /**
     * Pairs one invocation checks at most: about 12 calls each, well within the function's
     * timeout when AWS answers; with a slow AWS, the function defers the rest to the next run.
     */
    public static final int MAX_PAIRS_PER_TARGET = 50;

    private static final int LONGEST_ALARM_NAME = 128
            + Math.max(AlarmContract.SCALE_UP_SUFFIX.length(), AlarmContract.SCALE_DOWN_SUFFIX.length());
    /** {@code {"scaleUpAlarm":"","scaleDownAlarm":""},} */
    private static final int PAIR_OVERHEAD = 40;
    /** {@code {"reconcile":[]}} and a margin. */
    private static final int INPUT_OVERHEAD = 64;

    private final Construct scope;
    private final IFunction function;
    private final Duration interval;
    private final List<Rule> rules = new ArrayList<>();
    private List<Map<String, String>> pairs;
    private int targetsInRule;
    private int size;

    /**
     * Schedules reconciliation of the scaling function's pairs.
     *
     * @param scope where the rules are defined
     * @param function the scaling function
     * @param interval how often every pair is checked
     */
    public ReconciliationSchedule(Construct scope, IFunction function, Duration interval) {
        this.scope = scope;
        this.function = function;
        this.interval = interval;
    }

    /**
     * Adds a stream's alarm pair to the pairs that are checked.
     *
     * @param scaleUpAlarmName the scale-up alarm's name
     * @param scaleDownAlarmName the scale-down alarm's name
     */
    public void addPair(String scaleUpAlarmName, String scaleDownAlarmName) {
        int needed = PAIR_OVERHEAD + length(scaleUpAlarmName) + length(scaleDownAlarmName);
        if (pairs == null || size + needed > MAX_INPUT_SIZE || pairs.size() == MAX_PAIRS_PER_TARGET) {
            startTarget();
        }
        Map<String, String> pair = new LinkedHashMap<>();
        pair.put("scaleUpAlarm", scaleUpAlarmName);
        pair.put("scaleDownAlarm", scaleDownAlarmName);
        pairs.add(pair);
        size += needed;
    }

    /**
     * The rules defined so far.
     *
     * @return the rules, in order
     */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    private void startTarget() {
        if (rules.isEmpty() || targetsInRule == MAX_TARGETS_PER_RULE) {
            rules.add(Rule.Builder.create(scope, "Reconciliation" + (rules.size() + 1))
                    .description("Has the kinesis-autoscaling scaling function repair alarms that drifted from their streams")
                    .schedule(Schedule.rate(interval))
                    .build());
            targetsInRule = 0;
        }
        List<Map<String, String>> targetPairs = new ArrayList<>();
        Object lazyPairs = Lazy.any(new IStableAnyProducer() {
            @Override
            public Object produce() {
                return targetPairs;
            }
        });
        rules.get(rules.size() - 1).addTarget(new LambdaFunction(function, LambdaFunctionProps.builder()
                .event(RuleTargetInput.fromObject(Map.of("reconcile", lazyPairs)))
                .retryAttempts(2)
                .build()));
        targetsInRule++;
        pairs = targetPairs;
        size = INPUT_OVERHEAD;
    }

    private static int length(String alarmName) {
        return Token.isUnresolved(alarmName) ? LONGEST_ALARM_NAME : alarmName.length();
    }
}
