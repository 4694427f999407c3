package dev.kinesisautoscaling.simulator.replay;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.Map;

/**
 * What reacts to the alarm notifications of a replay: the scaling function subscribed to the
 * alarms' SNS topic. It acts only through the simulated AWS clients it was built with.
 */
public interface ScalingResponder {

    /**
     * Handles one SNS delivery, as a Lambda invocation would.
     *
     * @param event the event, one record per notification
     */
    void deliver(SNSEvent event);

    /**
     * How the deliveries ended, by outcome name.
     *
     * @return counts, such as {@code SCALED_UP=3, STREAM_BUSY=1}
     */
    Map<String, Long> outcomes();
}
