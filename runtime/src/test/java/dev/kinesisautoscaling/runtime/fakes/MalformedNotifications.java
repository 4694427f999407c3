package dev.kinesisautoscaling.runtime.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The fixtures of input that is not a usable alarm notification, one file each. */
public final class MalformedNotifications {

    private static final String FOLDER = "events/malformed";

    private MalformedNotifications() {
    }

    /**
     * Every fixture, sorted.
     *
     * @return the fixtures' paths below the test resources, such as {@code events/malformed/not-json.json}
     */
    public static List<String> fixtures() {
        try (Stream<Path> files = Files.list(Path.of(MalformedNotifications.class.getResource("/" + FOLDER).toURI()))) {
            return files.map(file -> FOLDER + "/" + file.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
