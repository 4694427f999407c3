package dev.kinesisautoscaling.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;

/** A handler that does nothing: the floor of a Java Lambda's cold start, for comparison. */
public final class BareHandler implements RequestHandler<SNSEvent, String> {

    /**
     * Answers at once.
     *
     * @param event ignored
     * @param context ignored
     * @return {@code ok}
     */
    @Override
    public String handleRequest(SNSEvent event, Context context) {
        return "ok";
    }
}
