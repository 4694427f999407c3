package dev.kinesisautoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Golden snapshots of whole synthesized templates.
 *
 * <p>Templates are written with sorted keys and asset hashes masked, so that a change to the
 * scaling function's code does not break them. A snapshot is only rewritten on request:
 * {@code mvn -pl construct -am test -Dsnapshot.update=true}.
 */
final class Snapshots {

    private static final Path FOLDER = Path.of("src", "test", "resources", "snapshots");
    private static final Path ACTUAL_FOLDER = Path.of("target", "snapshots");
    private static final Pattern ASSET_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Snapshots() {
    }

    static boolean updating() {
        return Boolean.parseBoolean(System.getProperty("snapshot.update", "false"));
    }

    /** Compares a template with its snapshot, or writes the snapshot when asked to. */
    static void assertMatches(String name, Map<String, Object> template) {
        String actual = normalise(template);
        Path expectedFile = FOLDER.resolve(name + ".template.json");
        try {
            if (updating()) {
                Files.createDirectories(FOLDER);
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(expectedFile)) {
                throw new AssertionError("no snapshot " + expectedFile + "; create it with -Dsnapshot.update=true");
            }
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                Files.createDirectories(ACTUAL_FOLDER);
                Files.writeString(ACTUAL_FOLDER.resolve(name + ".template.json"), actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as("template " + name + " against " + expectedFile + " (the new one is in "
                    + ACTUAL_FOLDER + "; accept it with -Dsnapshot.update=true)").isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalise(Map<String, Object> template) {
        try {
            String json = MAPPER.writeValueAsString(template);
            return ASSET_HASH.matcher(json).replaceAll("<asset-hash>") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
