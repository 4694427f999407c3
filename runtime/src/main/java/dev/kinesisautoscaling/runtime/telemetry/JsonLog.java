package dev.kinesisautoscaling.runtime.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one JSON object per line, which CloudWatch Logs indexes field by field.
 */
public final class JsonLog {

    /** Log levels, lowest first. */
    public enum Level {
        /** Diagnostic detail. */
        DEBUG,
        /** Routine events. */
        INFO,
        /** Something worth a look. */
        WARN,
        /** Something that needs an operator. */
        ERROR;

        /**
         * Reads a level name, ignoring case.
         *
         * @param name {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
         * @return the level
         * @throws IllegalArgumentException for any other name
         */
        public static Level parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' is not DEBUG, INFO, WARN or ERROR", e);
            }
        }
    }

    private final PrintStream out;
    private final Level threshold;
    private final Clock clock;
    private final ObjectMapper mapper;

    /**
     * Writes to the given stream the lines at or above a level.
     *
     * @param out where lines go; the Lambda's standard output in production
     * @param threshold the lowest level written by {@link #log}
     * @param clock the source of each line's timestamp
     * @param mapper the JSON writer
     */
    public JsonLog(PrintStream out, Level threshold, Clock clock, ObjectMapper mapper) {
        this.out = out;
        this.threshold = threshold;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * Whether lines of a level are written.
     *
     * @param level the level
     * @return true when {@link #log} writes lines of that level
     */
    public boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    /**
     * Writes a line if its level is enabled.
     *
     * @param level the line's level
     * @param message what happened
     * @param fields further fields of the line; none may be called {@code timestamp}, {@code level} or {@code message}
     */
    public void log(Level level, String message, Map<String, ?> fields) {
        if (!enabled(level)) {
            return;
        }
        ObjectNode line = line(level, message);
        fields.forEach((key, value) -> line.set(key, mapper.valueToTree(value)));
        write(line);
    }

    /**
     * Starts a line with its timestamp, level and message.
     *
     * @param level the line's level
     * @param message what happened
     * @return the line, to be completed and passed to {@link #write}
     */
    public ObjectNode line(Level level, String message) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level.name());
        line.put("message", message);
        return line;
    }

    /**
     * Writes a line whatever the threshold: for lines that carry metrics, which must never be lost.
     *
     * @param line the line
     */
    public void write(ObjectNode line) {
        try {
            out.println(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"message\":\"unwritable log line\"}");
        }
    }

    /**
     * The mapper used to build lines.
     *
     * @return the mapper
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The clock that stamps lines.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }
}
