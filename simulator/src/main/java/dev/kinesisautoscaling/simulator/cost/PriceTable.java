package dev.kinesisautoscaling.simulator.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The prices the cost comparison uses, in US dollars, and the one usage assumption it needs.
 *
 * <p>The defaults ({@link #US_EAST_1}) are the us-east-1 list prices of Amazon Kinesis Data
 * Streams as given in the project's issue and as commonly published: provisioned
 * $0.015 per shard-hour and $0.014 per million PUT payload units (a record counts one unit per
 * started 25 KB); on-demand $0.04 per stream-hour, $0.08 per GB written (each record rounded up to
 * a whole KB) and $0.04 per GB read. The rules (25 KB units, 1 KB rounding, reads billed per GB in
 * on-demand mode and free in provisioned mode) were checked on 2026-11-29 against the stored copy
 * of https://aws.amazon.com/kinesis/data-streams/pricing/; the dollar figures are drawn on that page
 * by script and were not in the stored copy, so check them against the page for your region and
 * date, and override them with {@link #load(Path)}.
 *
 * <p>A price file is JSON or Java properties ({@code .properties}) with any of the keys below;
 * missing keys keep their default, unknown keys are an error:
 * <pre>
 * {
 *   "region": "eu-west-1",
 *   "provisionedShardHour": 0.017,
 *   "provisionedPutPayloadUnitsPerMillion": 0.0165,
 *   "onDemandStreamHour": 0.045,
 *   "onDemandDataInPerGb": 0.092,
 *   "onDemandDataOutPerGb": 0.046,
 *   "readsPerByteWritten": 2,
 *   "source": "aws.amazon.com/kinesis/data-streams/pricing, 2026-11-29"
 * }
 * </pre>
 *
 * @param region the region the prices are for
 * @param provisionedShardHour provisioned mode: dollars per shard-hour
 * @param provisionedPutPayloadUnitsPerMillion provisioned mode: dollars per million PUT payload units
 * @param onDemandStreamHour on-demand mode: dollars per stream-hour
 * @param onDemandDataInPerGb on-demand mode: dollars per GB (2^30 bytes) written
 * @param onDemandDataOutPerGb on-demand mode: dollars per GB read by shared-throughput consumers
 * @param readsPerByteWritten how many times consumers read each byte (number of shared-throughput
 *     consumer applications); 0 leaves reads out of the comparison
 * @param source where the prices come from, for reports
 */
public record PriceTable(
        String region,
        double provisionedShardHour,
        double provisionedPutPayloadUnitsPerMillion,
        double onDemandStreamHour,
        double onDemandDataInPerGb,
        double onDemandDataOutPerGb,
        double readsPerByteWritten,
        String source) {

    /** us-east-1 list prices; see the class comment for their source. */
    public static final PriceTable US_EAST_1 = new PriceTable("us-east-1", 0.015, 0.014, 0.04, 0.08, 0.04, 1,
            "us-east-1 list prices (aws.amazon.com/kinesis/data-streams/pricing, rules checked 2026-11-29)");

    /**
     * Checks that no price is negative.
     *
     * @param region the region
     * @param provisionedShardHour dollars per shard-hour
     * @param provisionedPutPayloadUnitsPerMillion dollars per million PUT payload units
     * @param onDemandStreamHour dollars per on-demand stream-hour
     * @param onDemandDataInPerGb dollars per GB written on demand
     * @param onDemandDataOutPerGb dollars per GB read on demand
     * @param readsPerByteWritten reads of each written byte
     * @param source where the prices come from
     */
    public PriceTable {
        Map<String, Double> values = Map.of("provisionedShardHour", provisionedShardHour,
                "provisionedPutPayloadUnitsPerMillion", provisionedPutPayloadUnitsPerMillion,
                "onDemandStreamHour", onDemandStreamHour, "onDemandDataInPerGb", onDemandDataInPerGb,
                "onDemandDataOutPerGb", onDemandDataOutPerGb, "readsPerByteWritten", readsPerByteWritten);
        values.forEach((key, value) -> {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("price " + key + " (" + value + ") must be a number of zero or more");
            }
        });
    }

    /**
     * Reads a price file over the defaults.
     *
     * @param file a {@code .json} or {@code .properties} file
     * @return the prices
     * @throws PriceFileException naming the file and key for an unreadable file, an unknown key or a bad value
     */
    public static PriceTable load(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
            } else {
                JsonNode root;
                try (InputStream in = Files.newInputStream(file)) {
                    root = new ObjectMapper().readTree(in);
                }
                if (root == null || !root.isObject()) {
                    throw new PriceFileException("price file " + file + " must hold a JSON object");
                }
                for (Map.Entry<String, JsonNode> field : root.properties()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            }
        } catch (IOException e) {
            throw new PriceFileException("price file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return US_EAST_1.with(values, file.toString());
        } catch (IllegalArgumentException e) {
            throw new PriceFileException(e.getMessage(), e);
        }
    }

    /**
     * These prices with some replaced.
     *
     * @param values keys of this record's components to new values
     * @param origin where the values come from, for messages and the default {@code source}
     * @return the new prices
     * @throws IllegalArgumentException for an unknown key or a value that is not a number
     */
    public PriceTable with(Map<String, String> values, String origin) {
        String newRegion = region;
        String newSource = "prices from " + origin;
        double[] numbers = {provisionedShardHour, provisionedPutPayloadUnitsPerMillion, onDemandStreamHour,
                onDemandDataInPerGb, onDemandDataOutPerGb, readsPerByteWritten};
        String[] keys = {"provisionedShardHour", "provisionedPutPayloadUnitsPerMillion", "onDemandStreamHour",
                "onDemandDataInPerGb", "onDemandDataOutPerGb", "readsPerByteWritten"};
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if ("region".equals(key)) {
                newRegion = entry.getValue();
                continue;
            }
            if ("source".equals(key)) {
                newSource = entry.getValue();
                continue;
            }
            int index = java.util.Arrays.asList(keys).indexOf(key);
            if (index < 0) {
                throw new IllegalArgumentException(origin + ": unknown price key '" + key + "'; known keys are region, source, "
                        + String.join(", ", keys));
            }
            try {
                numbers[index] = Double.parseDouble(entry.getValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": " + key + " '" + entry.getValue() + "' is not a number");
            }
        }
        return new PriceTable(newRegion, numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], newSource);
    }
}
