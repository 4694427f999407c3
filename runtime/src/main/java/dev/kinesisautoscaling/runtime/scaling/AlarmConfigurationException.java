package dev.kinesisautoscaling.runtime.scaling;

/**
 * An alarm pair whose tags or metric math the Lambda cannot act on.
 *
 * <p>Retrying cannot fix it: the message names the alarm, the setting and the value so that an
 * operator can.
 */
public class AlarmConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes what is wrong with the alarm pair.
     *
     * @param message the alarm, the setting, the value and what is allowed
     */
    public AlarmConfigurationException(String message) {
        super(message);
    }
}
