package dev.kinesisautoscaling.simulator.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostTest {

    private static final double GB = 1024.0 * 1024 * 1024;

    /** Two hours: 60 minutes of 1,000 records of 30 KB a minute, then 60 minutes without traffic. */
    private static TrafficTrace twoHours() {
        double[] bytes = new double[120];
        double[] records = new double[120];
        for (int m = 0; m < 60; m++) {
            records[m] = 1000;
            bytes[m] = 1000 * 30 * 1024;
        }
        return new TrafficTrace("two-hours", Instant.parse("2026-01-05T00:00:00Z"), bytes, records, null);
    }

    @Test
    void pricesProvisionedShardHoursAndPutPayloadUnitsOf25Kb() {
        CostEstimate cost = CostEstimate.of(twoHours(), 4, PriceTable.US_EAST_1);

        // A 30 KB record is two PUT payload units: 60 minutes x 1,000 records x 2.
        assertThat(cost.putPayloadUnits()).isEqualTo(120_000);
        assertThat(cost.provisionedShardCost()).isCloseTo(4 * 0.015, within(1e-12));
        assertThat(cost.provisionedPutCost()).isCloseTo(0.12 * 0.014, within(1e-12));
        assertThat(cost.provisionedTotal()).isCloseTo(0.06 + 0.00168, within(1e-12));
    }

    @Test
    void pricesOnDemandStreamHoursDataWrittenInWholeKilobytesAndDataRead() {
        CostEstimate cost = CostEstimate.of(twoHours(), 4, PriceTable.US_EAST_1);

        assertThat(cost.streamHours()).isEqualTo(2);
        assertThat(cost.dataInGb()).isCloseTo(60_000 * 30 * 1024 / GB, within(1e-12));
        assertThat(cost.dataOutGb()).isCloseTo(60_000 * 30 * 1024 / GB, within(1e-12));
        assertThat(cost.onDemandTotal()).isCloseTo(2 * 0.04 + cost.dataInGb() * 0.08 + cost.dataOutGb() * 0.04,
                within(1e-12));
    }

    @Test
    void roundsEachRecordUpToAWholeKilobyteOnDemand() {
        TrafficTrace small = new TrafficTrace("small", Instant.parse("2026-01-05T00:00:00Z"), new double[] {4608},
                new double[] {1}, null);

        assertThat(CostEstimate.of(small, 1, PriceTable.US_EAST_1).dataInGb()).isCloseTo(5 * 1024 / GB, within(1e-15));
    }

    @Test
    void readsAJsonPriceFileOverTheDefaults(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("eu.json");
        Files.writeString(file, "{\"region\": \"eu-west-1\", \"provisionedShardHour\": 0.017, \"readsPerByteWritten\": 0}");

        PriceTable prices = PriceTable.load(file);

        assertThat(prices.region()).isEqualTo("eu-west-1");
        assertThat(prices.provisionedShardHour()).isEqualTo(0.017);
        assertThat(prices.onDemandStreamHour()).isEqualTo(0.04);
        assertThat(prices.readsPerByteWritten()).isZero();
        assertThat(prices.source()).isEqualTo("prices from " + file);
    }

    @Test
    void readsAPropertiesPriceFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("prices.properties");
        Files.writeString(file, "onDemandDataInPerGb = 0.1\nsource = my contract\n");

        PriceTable prices = PriceTable.load(file);

        assertThat(prices.onDemandDataInPerGb()).isEqualTo(0.1);
        assertThat(prices.source()).isEqualTo("my contract");
    }

    @Test
    void rejectsUnknownKeysAndBadValues(@TempDir Path directory) throws IOException {
        Path unknown = directory.resolve("unknown.json");
        Files.writeString(unknown, "{\"shardHour\": 0.02}");
        Path negative = directory.resolve("negative.json");
        Files.writeString(negative, "{\"onDemandStreamHour\": -1}");
        Path text = directory.resolve("text.properties");
        Files.writeString(text, "provisionedShardHour=cheap\n");

        assertThatThrownBy(() -> PriceTable.load(unknown)).hasMessageStartingWith(unknown + ": unknown price key 'shardHour'");
        assertThatThrownBy(() -> PriceTable.load(negative)).isInstanceOf(PriceFileException.class)
                .hasMessage("price onDemandStreamHour (-1.0) must be a number of zero or more");
        assertThatThrownBy(() -> PriceTable.load(text)).hasMessage(text + ": provisionedShardHour 'cheap' is not a number");
    }
}
