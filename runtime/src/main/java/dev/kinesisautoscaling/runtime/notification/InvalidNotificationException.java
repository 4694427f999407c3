package dev.kinesisautoscaling.runtime.notification;

/** An SNS message that is not a CloudWatch alarm notification the Lambda can act on. */
public class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Describes what is wrong with the message.
     *
     * @param message what was wrong, without the message's content
     */
    public InvalidNotificationException(String message) {
        super(message);
    }
}
