package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates bad input for the scaling function from a {@link Random}: the real SNS fixtures
 * mutated at every level (the event's JSON, the alarm notification inside its {@code Message},
 * and the raw text of either), fully random JSON, random bytes, and mutated reconciliation
 * requests. The same seed always gives the same inputs.
 *
 * <p>Every input says which mutations made it, so that a failure can be read without replaying it.
 */
public final class EventMutator {

    /**
     * One generated input.
     *
     * @param kind what generator made it
     * @param mutations the mutations applied, in order
     * @param bytes the event's bytes as {@code handleEvent} receives them
     */
    public record Sample(String kind, List<String> mutations, byte[] bytes) {

        /**
         * The input for an assertion message, cut to a readable length.
         *
         * @return the description
         */
        public String describe() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String shown = text.length() > 1500 ? text.substring(0, 1500) + "... (" + bytes.length + " bytes)" : text;
            return kind + " " + mutations + ":\n" + shown;
        }
    }

    /** The fixtures every mutated notification starts from: the real SNS events of the test resources. */
    public static final List<String> FIXTURES = List.of(
            "events/orders-scale-up-alarm.json",
            "events/orders-scale-up-alarm-later.json",
            "events/orders-scale-down-alarm.json",
            "events/orders-scale-up-ok.json",
            "events/multi-record.json");

    /** Streams that exist in the world the inputs are sent to, and one that does not. */
    private static final List<String> STREAM_NAMES = List.of("orders", "payments", "ghost", "orders ", "ORDERS");
    private static final List<String> SUFFIXES = List.of("-scale-sideways", "-scale-up ", "-SCALE-UP", "-scale-upp",
            "-scale_down", "-scale-down-", "scale-up", "-scale-", "-scaleup", "-scale-up\u0000", "-scale-d\u00f6wn");
    private static final List<String> DIMENSION_KEYS = List.of("Name", "NAME", "key", "dimension", "StreamName",
            "name ", "n\u0430me");
    private static final List<String> STATES = List.of("ALARM", "OK", "INSUFFICIENT_DATA", "alarm", "Alarm", "",
            " ALARM", "ALARM\n", "ALARMING", "null");
    private static final List<String> NAMESPACES = List.of("AWS/Kinesis ", "aws/kinesis", "AWS/Lambda", "", "AWS/Kinesis/");
    private static final List<String> KEYS = List.of("Records", "Sns", "Message", "MessageId", "EventSource", "reconcile",
            "AlarmName", "AlarmArn", "NewStateValue", "StateChangeTime", "Trigger", "Metrics", "Dimensions", "name",
            "value", "scaleUpAlarm", "scaleDownAlarm", "Type", "");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> fixtures = new ArrayList<>();
    private final List<ObjectNode> malformedFixtures = new ArrayList<>();

    /**
     * Loads the fixtures: those of {@link #FIXTURES}, and the malformed ones for a fifth of the inputs.
     *
     * @param malformed the malformed fixtures' paths below the test resources
     */
    public EventMutator(List<String> malformed) {
        FIXTURES.forEach(fixture -> fixtures.add(Notifications.loadJson(fixture)));
        for (String fixture : malformed) {
            try {
                malformedFixtures.add(Notifications.loadJson(fixture));
            } catch (UncheckedIOException e) {
                // a fixture that is not JSON itself (truncated-json.json is only broken inside) is skipped
            }
        }
    }

    // ------------------------------------------------------------------ mutated fixtures

    /**
     * A real fixture with one to three mutations.
     *
     * @param random the source of randomness
     * @return the input
     */
    public Sample mutatedFixture(Random random) {
        List<ObjectNode> source = malformedFixtures.isEmpty() || random.nextInt(5) > 0 ? fixtures : malformedFixtures;
        ObjectNode event = source.get(random.nextInt(source.size())).deepCopy();
        List<String> mutations = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        String textMutation = null;
        for (int i = 0; i < count; i++) {
            int level = random.nextInt(10);
            if (level < 6) {
                mutateMessage(event, random, mutations);
            } else if (level < 9) {
                mutateEvent(event, random, mutations);
            } else {
                textMutation = pick(random, List.of("truncate", "duplicate a slice", "corrupt bytes", "concatenate twice"));
            }
        }
        byte[] bytes = write(event);
        if (textMutation != null) {
            bytes = mutateText(bytes, textMutation, random);
            mutations.add("event text: " + textMutation);
        }
        return new Sample("mutated fixture", mutations, bytes);
    }

    private void mutateMessage(ObjectNode event, Random random, List<String> mutations) {
        List<ObjectNode> bodies = snsBodies(event);
        if (bodies.isEmpty()) {
            mutateEvent(event, random, mutations);
            return;
        }
        ObjectNode sns = pick(random, bodies);
        JsonNode messageNode = sns.get("Message");
        if (messageNode == null || !messageNode.isTextual()) {
            mutateEvent(event, random, mutations);
            return;
        }
        String message = messageNode.textValue();
        JsonNode parsed;
        try {
            parsed = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        int choice = random.nextInt(16);
        if (!(parsed instanceof ObjectNode root) || choice >= 14) {
            String how = pick(random, List.of("truncate", "duplicate a slice", "corrupt characters", "insert unicode",
                    "replace with random text", "wrap in quotes"));
            sns.put("Message", mutateMessageText(message, how, random));
            mutations.add("message text: " + how);
            return;
        }
        String done = switch (choice) {
            case 0 -> "drop " + dropRandomField(root, random);
            case 1 -> "retype " + retypeRandomNode(root, random);
            case 2 -> {
                String suffix = pick(random, SUFFIXES);
                renameAlarm(root, baseName(root.path("AlarmName").asText("orders")) + suffix);
                yield "wrong suffix '" + suffix + "'";
            }
            case 3 -> {
                String name = pick(random, List.of("ghost", "orders-2", "Orders", "payments-eu", randomText(random, 12)))
                        + pick(random, List.of("-scale-up", "-scale-down"));
                renameAlarm(root, name);
                yield "alarm renamed consistently to '" + name + "'";
            }
            case 4 -> "dimension keys " + renameDimensionKeys(root, random);
            case 5 -> "stream dimension value " + replaceStreamDimension(root, random);
            case 6 -> "StateChangeTime " + replaceField(root, "StateChangeTime", randomTimestamp(random));
            case 7 -> "NewStateValue " + replaceField(root, "NewStateValue", TextNode.valueOf(pick(random, STATES)));
            case 8 -> "Namespace " + replaceNamespace(root, random);
            case 9 -> "huge string in " + replaceRandomText(root, random, hugeText(random));
            case 10 -> "unicode in " + replaceRandomText(root, random, randomUnicode(random, 1 + random.nextInt(40)));
            case 11 -> "metrics " + mutateMetrics(root, random);
            case 12 -> "nested garbage at " + replaceRandomNode(root, random, nestedGarbage(random, 5 + random.nextInt(200)));
            default -> "AlarmArn " + replaceField(root, "AlarmArn", TextNode.valueOf(pick(random, List.of(
                    "arn:aws:cloudwatch:eu-west-1:999999999999:alarm:" + root.path("AlarmName").asText(),
                    "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + root.path("AlarmName").asText() + "x",
                    "cloudwatch:us-east-1:123456789012:alarm:" + root.path("AlarmName").asText(),
                    root.path("AlarmName").asText(), ""))));
        };
        sns.put("Message", root.toString());
        mutations.add("message: " + done);
    }

    private void mutateEvent(ObjectNode event, Random random, List<String> mutations) {
        JsonNode records = event.get("Records");
        String done = switch (random.nextInt(9)) {
            case 0 -> "drop " + dropRandomField(event, random);
            case 1 -> "retype " + retypeRandomNode(event, random);
            case 2 -> {
                if (records instanceof ArrayNode list && !list.isEmpty()) {
                    int at = random.nextInt(list.size());
                    JsonNode replacement = randomScalarOrContainer(random, 2);
                    list.set(at, replacement);
                    yield "record " + at + " replaced by " + replacement.getNodeType();
                }
                yield "drop " + dropRandomField(event, random);
            }
            case 3 -> {
                if (records instanceof ArrayNode list && !list.isEmpty()) {
                    JsonNode record = list.get(random.nextInt(list.size())).deepCopy();
                    int at = random.nextInt(list.size() + 1);
                    list.insert(at, record);
                    yield "record duplicated at " + at;
                }
                yield "retype " + retypeRandomNode(event, random);
            }
            case 4 -> {
                JsonNode replacement = pick(random, List.of(NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(),
                        TextNode.valueOf("Records"), NODES.numberNode(random.nextInt())));
                event.set("Records", replacement);
                yield "Records replaced by " + replacement;
            }
            case 5 -> {
                List<ObjectNode> all = recordObjects(event);
                if (all.isEmpty()) {
                    yield "retype " + retypeRandomNode(event, random);
                }
                JsonNode source = pick(random, List.of(TextNode.valueOf("aws:sqs"), TextNode.valueOf("AWS:SNS"),
                        TextNode.valueOf(""), NODES.numberNode(1), NODES.nullNode(), TextNode.valueOf("aws:sns ")));
                pick(random, all).set("EventSource", source);
                yield "EventSource " + source;
            }
            case 6 -> {
                List<ObjectNode> bodies = snsBodies(event);
                if (bodies.isEmpty()) {
                    yield "retype " + retypeRandomNode(event, random);
                }
                JsonNode message = pick(random, List.of(TextNode.valueOf(""), TextNode.valueOf("   "),
                        TextNode.valueOf("null"), TextNode.valueOf("[]"), TextNode.valueOf("\"ALARM\""),
                        NODES.numberNode(42), NODES.objectNode().put("AlarmName", "orders-scale-up"),
                        NODES.arrayNode().add("orders-scale-up"), NODES.nullNode(), TextNode.valueOf(randomText(random, 30))));
                pick(random, bodies).set("Message", message);
                yield "Message replaced by " + message.getNodeType() + " " + abbreviate(message.toString());
            }
            case 7 -> "nested garbage at " + replaceRandomNode(event, random, nestedGarbage(random, 5 + random.nextInt(300)));
            default -> "huge or unicode text in " + replaceRandomText(event, random,
                    random.nextBoolean() ? hugeText(random) : randomUnicode(random, 1 + random.nextInt(60)));
        };
        mutations.add("event: " + done);
    }

    // ------------------------------------------------------------------ fully random input

    /**
     * A random JSON document, now and then shaped a little like an SNS event or a reconciliation request.
     *
     * @param random the source of randomness
     * @return the input
     */
    public Sample randomJson(Random random) {
        JsonNode document;
        String shape;
        switch (random.nextInt(4)) {
            case 0 -> {
                ObjectNode event = NODES.objectNode();
                ArrayNode records = event.putArray("Records");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    ObjectNode record = records.addObject();
                    if (random.nextBoolean()) {
                        record.put("EventSource", "aws:sns");
                    }
                    ObjectNode sns = record.putObject("Sns");
                    sns.set("Message", random.nextBoolean() ? TextNode.valueOf(randomScalarOrContainer(random, 3).toString())
                            : randomScalarOrContainer(random, 2));
                    if (random.nextBoolean()) {
                        sns.set(pick(random, KEYS), randomScalarOrContainer(random, 2));
                    }
                }
                document = event;
                shape = "SNS-like event";
            }
            case 1 -> {
                ObjectNode object = NODES.objectNode();
                int fields = random.nextInt(6);
                for (int i = 0; i < fields; i++) {
                    object.set(random.nextBoolean() ? pick(random, KEYS) : randomText(random, 8), randomScalarOrContainer(random, 4));
                }
                document = object;
                shape = "random object";
            }
            default -> {
                document = randomScalarOrContainer(random, 5);
                shape = "random value";
            }
        }
        return new Sample("random JSON", List.of(shape), write(document));
    }

    /**
     * Random bytes, now and then behind a byte-order mark or an opening brace.
     *
     * @param random the source of randomness
     * @return the input
     */
    public Sample randomBytes(Random random) {
        byte[][] prefixes = {
            {}, {'{'}, {'['}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF},
            {(byte) 0xFF, (byte) 0xFE}, {0, 0, (byte) 0xFE, (byte) 0xFF}, {0, 0, 0, '{'}, {'{', 0, 0, 0},
            {'{', '"', 'R', 'e', 'c', 'o', 'r', 'd', 's', '"', ':'}};
        byte[] prefix = prefixes[random.nextInt(prefixes.length)];
        byte[] body = new byte[random.nextInt(600)];
        random.nextBytes(body);
        byte[] bytes = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, bytes, prefix.length, body.length);
        return new Sample("random bytes", List.of(prefix.length + "-byte prefix, " + body.length + " random bytes"), bytes);
    }

    // ------------------------------------------------------------------ reconciliation requests

    /**
     * A reconciliation request for the given streams' pairs with one to three mutations.
     *
     * @param random the source of randomness
     * @param streams the streams whose pairs exist
     * @return the input
     */
    public Sample mutatedReconciliationRequest(Random random, List<String> streams) {
        ObjectNode event = NODES.objectNode();
        ArrayNode pairs = event.putArray("reconcile");
        for (String stream : streams) {
            pairs.addObject().put("scaleUpAlarm", stream + "-scale-up").put("scaleDownAlarm", stream + "-scale-down");
        }
        List<String> mutations = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ObjectNode pair = randomObject(pairs, random);
            String field = random.nextBoolean() ? "scaleUpAlarm" : "scaleDownAlarm";
            String done = switch (random.nextInt(13)) {
                case 12 -> {
                    String other = pick(random, streams);
                    pair.put("scaleDownAlarm", other + "-scale-down");
                    yield "scale-down alarm of stream '" + other + "' paired with " + pair.path("scaleUpAlarm");
                }
                case 0 -> "drop " + dropRandomField(event, random);
                case 1 -> "retype " + retypeRandomNode(event, random);
                case 2 -> {
                    String suffix = pick(random, SUFFIXES);
                    pair.put(field, baseName(pair.path(field).asText("orders")) + suffix);
                    yield field + " with suffix '" + suffix + "'";
                }
                case 3 -> {
                    pair.put(field, pick(random, List.of("", "   ", "-scale-up", "-scale-down")));
                    yield field + " blank or suffix only";
                }
                case 4 -> {
                    String stream = pick(random, List.of("ghost", "orders-2", randomText(random, 10)));
                    pair.put("scaleUpAlarm", stream + "-scale-up").put("scaleDownAlarm", stream + "-scale-down");
                    yield "pair of stream '" + stream + "', which does not exist";
                }
                case 5 -> {
                    JsonNode replacement = randomScalarOrContainer(random, 2);
                    event.set("reconcile", replacement);
                    yield "reconcile replaced by " + replacement.getNodeType();
                }
                case 6 -> {
                    pairs.add(randomScalarOrContainer(random, 2));
                    yield "a pair that is not an object";
                }
                case 7 -> {
                    pair.set(pick(random, KEYS), randomScalarOrContainer(random, 2));
                    yield "an extra field in a pair";
                }
                case 8 -> {
                    pair.put(field, randomUnicode(random, 1 + random.nextInt(30)) + (field.equals("scaleUpAlarm")
                            ? "-scale-up" : "-scale-down"));
                    yield field + " of unicode";
                }
                case 9 -> {
                    pairs.removeAll();
                    yield "no pairs";
                }
                case 10 -> {
                    event.set(pick(random, KEYS), randomScalarOrContainer(random, 2));
                    yield "an extra top-level field";
                }
                default -> {
                    JsonNode up = pair.get("scaleUpAlarm");
                    pair.set("scaleUpAlarm", pair.get("scaleDownAlarm"));
                    pair.set("scaleDownAlarm", up);
                    yield "up and down swapped";
                }
            };
            mutations.add(done);
        }
        byte[] bytes = write(event);
        if (random.nextInt(10) == 0) {
            String how = pick(random, List.of("truncate", "duplicate a slice", "corrupt bytes"));
            bytes = mutateText(bytes, how, random);
            mutations.add("text: " + how);
        }
        return new Sample("mutated reconciliation request", mutations, bytes);
    }

    // ------------------------------------------------------------------ tree helpers

    private static List<ObjectNode> recordObjects(ObjectNode event) {
        List<ObjectNode> records = new ArrayList<>();
        JsonNode list = event.get("Records");
        if (list != null && list.isArray()) {
            for (JsonNode record : list) {
                if (record instanceof ObjectNode object) {
                    records.add(object);
                }
            }
        }
        return records;
    }

    private static List<ObjectNode> snsBodies(ObjectNode event) {
        List<ObjectNode> bodies = new ArrayList<>();
        for (ObjectNode record : recordObjects(event)) {
            if (record.get("Sns") instanceof ObjectNode sns) {
                bodies.add(sns);
            }
        }
        return bodies;
    }

    /** One of the array's objects, chosen at random; a new one appended when it has none. */
    private static ObjectNode randomObject(ArrayNode array, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        array.forEach(node -> {
            if (node instanceof ObjectNode object) {
                objects.add(object);
            }
        });
        if (objects.isEmpty()) {
            return array.addObject();
        }
        return pick(random, objects);
    }

    /** Every container in a tree with the key or index of each child, for picking a random place. */
    private static List<Map.Entry<JsonNode, Object>> places(JsonNode root) {
        List<Map.Entry<JsonNode, Object>> places = new ArrayList<>();
        collectPlaces(root, places);
        return places;
    }

    private static void collectPlaces(JsonNode node, List<Map.Entry<JsonNode, Object>> places) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                places.add(Map.entry(object, name));
                collectPlaces(object.get(name), places);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                places.add(Map.entry(array, i));
                collectPlaces(array.get(i), places);
            }
        }
    }

    private static String dropRandomField(JsonNode root, Random random) {
        List<Map.Entry<JsonNode, Object>> places = places(root);
        if (places.isEmpty()) {
            return "nothing";
        }
        Map.Entry<JsonNode, Object> place = pick(random, places);
        if (place.getKey() instanceof ObjectNode object) {
            object.remove((String) place.getValue());
        } else {
            ((ArrayNode) place.getKey()).remove((Integer) place.getValue());
        }
        return String.valueOf(place.getValue());
    }

    private static String retypeRandomNode(JsonNode root, Random random) {
        List<Map.Entry<JsonNode, Object>> places = places(root);
        if (places.isEmpty()) {
            return "nothing";
        }
        Map.Entry<JsonNode, Object> place = pick(random, places);
        JsonNode current = child(place);
        JsonNode replacement;
        do {
            replacement = randomScalarOrContainer(random, 2);
        } while (replacement.getNodeType() == current.getNodeType() && !current.isContainerNode());
        set(place, replacement);
        return place.getValue() + " (" + current.getNodeType() + " -> " + replacement.getNodeType() + ")";
    }

    private static String replaceRandomNode(JsonNode root, Random random, JsonNode replacement) {
        List<Map.Entry<JsonNode, Object>> places = places(root);
        if (places.isEmpty()) {
            return "nothing";
        }
        Map.Entry<JsonNode, Object> place = pick(random, places);
        set(place, replacement);
        return String.valueOf(place.getValue());
    }

    private static String replaceRandomText(JsonNode root, Random random, String text) {
        List<Map.Entry<JsonNode, Object>> textual = new ArrayList<>();
        for (Map.Entry<JsonNode, Object> place : places(root)) {
            if (child(place).isTextual()) {
                textual.add(place);
            }
        }
        if (textual.isEmpty()) {
            return "nothing";
        }
        Map.Entry<JsonNode, Object> place = pick(random, textual);
        set(place, TextNode.valueOf(random.nextBoolean() ? text : child(place).textValue() + text));
        return String.valueOf(place.getValue());
    }

    private static JsonNode child(Map.Entry<JsonNode, Object> place) {
        return place.getValue() instanceof String name ? place.getKey().get(name) : place.getKey().get((Integer) place.getValue());
    }

    private static void set(Map.Entry<JsonNode, Object> place, JsonNode value) {
        if (place.getKey() instanceof ObjectNode object) {
            object.set((String) place.getValue(), value);
        } else {
            ((ArrayNode) place.getKey()).set((Integer) place.getValue(), value);
        }
    }

    private static String replaceField(ObjectNode root, String field, JsonNode value) {
        root.set(field, value);
        return "= " + abbreviate(value.toString());
    }

    private static String baseName(String alarmName) {
        return alarmName.replaceFirst("-scale-(up|down)$", "");
    }

    private static void renameAlarm(ObjectNode root, String name) {
        root.put("AlarmName", name);
        root.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name);
    }

    private static List<ObjectNode> dimensions(ObjectNode root) {
        List<ObjectNode> dimensions = new ArrayList<>();
        for (JsonNode metric : root.path("Trigger").path("Metrics")) {
            for (JsonNode dimension : metric.path("MetricStat").path("Metric").path("Dimensions")) {
                if (dimension instanceof ObjectNode object) {
                    dimensions.add(object);
                }
            }
        }
        return dimensions;
    }

    private static String renameDimensionKeys(ObjectNode root, Random random) {
        List<ObjectNode> dimensions = dimensions(root);
        String nameKey = pick(random, DIMENSION_KEYS);
        String valueKey = random.nextBoolean() ? "Value" : pick(random, List.of("VALUE", "val", "stream", "value "));
        boolean all = random.nextBoolean();
        for (ObjectNode dimension : all ? dimensions : dimensions.stream().limit(1).toList()) {
            rename(dimension, "name", nameKey);
            if (random.nextBoolean()) {
                rename(dimension, "value", valueKey);
            }
        }
        return "'" + nameKey + "'/'" + valueKey + "'" + (all ? " on every dimension" : " on the first");
    }

    private static void rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        if (value != null) {
            node.set(to, value);
        }
    }

    private static String replaceStreamDimension(ObjectNode root, Random random) {
        JsonNode value = switch (random.nextInt(6)) {
            case 0, 1 -> TextNode.valueOf(pick(random, STREAM_NAMES));
            case 2 -> TextNode.valueOf(randomUnicode(random, 1 + random.nextInt(20)));
            case 3 -> TextNode.valueOf(pick(random, List.of("", " ", "\t")));
            case 4 -> TextNode.valueOf(hugeText(random));
            default -> randomScalarOrContainer(random, 1);
        };
        boolean all = random.nextInt(3) > 0;
        List<ObjectNode> dimensions = dimensions(root);
        for (ObjectNode dimension : all ? dimensions : dimensions.stream().limit(1).toList()) {
            if ("StreamName".equals(dimension.path("name").asText())) {
                dimension.set("value", value);
            }
        }
        return "= " + abbreviate(value.toString()) + (all ? " on every metric" : " on the first metric");
    }

    private static String replaceNamespace(ObjectNode root, Random random) {
        String namespace = pick(random, NAMESPACES);
        for (JsonNode metric : root.path("Trigger").path("Metrics")) {
            if (metric.path("MetricStat").path("Metric") instanceof ObjectNode object && object.has("Namespace")) {
                object.put("Namespace", namespace);
            }
        }
        return "= '" + namespace + "'";
    }

    private static String mutateMetrics(ObjectNode root, Random random) {
        if (!(root.path("Trigger").get("Metrics") instanceof ArrayNode metrics) || metrics.isEmpty()) {
            return "none to mutate";
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                List<JsonNode> list = new ArrayList<>();
                metrics.forEach(list::add);
                java.util.Collections.shuffle(list, random);
                metrics.removeAll();
                metrics.addAll(list);
                return "shuffled";
            }
            case 1 -> {
                metrics.add(metrics.get(random.nextInt(metrics.size())).deepCopy());
                return "one duplicated";
            }
            case 2 -> {
                for (int i = metrics.size() - 1; i >= 0; i--) {
                    if (metrics.get(i).has("MetricStat")) {
                        metrics.remove(i);
                    }
                }
                return "every metric with a MetricStat removed";
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < metrics.size(); i++) {
                    object.set("m" + i, metrics.get(i));
                }
                ((ObjectNode) root.get("Trigger")).set("Metrics", object);
                return "turned into an object";
            }
        }
    }

    // ------------------------------------------------------------------ values

    private static JsonNode randomTimestamp(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.numberNode(random.nextLong());
            case 1 -> NODES.numberNode(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
            case 2 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 3 -> TextNode.valueOf(Long.toString(random.nextLong()));
            case 4 -> TextNode.valueOf("2026-11-29T10:25:44.775Z");
            case 5 -> TextNode.valueOf("2026-11-29T10:25:44+0000");
            case 6 -> TextNode.valueOf(pick(random, List.of("9999-12-31T23:59:59.999+0000", "0001-01-01T00:00:00.000+0000",
                    "2026-02-30T10:25:44.775+0000", "2026-11-29T25:61:61.999+0000", "2026-11-29T10:25:44.775+2400")));
            case 7 -> TextNode.valueOf(String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", 1970 + random.nextInt(100),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), random.nextInt(1000)));
            case 8 -> TextNode.valueOf(randomUnicode(random, 1 + random.nextInt(30)));
            default -> NODES.nullNode();
        };
    }

    private static JsonNode randomScalarOrContainer(Random random, int depth) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> TextNode.valueOf(randomText(random, random.nextInt(20)));
            case 5 -> NODES.numberNode(new java.math.BigInteger(random.nextInt(300) + 1, random));
            case 6 -> depth > 0 ? randomArray(random, depth - 1) : NODES.arrayNode();
            default -> depth > 0 ? randomObject(random, depth - 1) : NODES.objectNode();
        };
    }

    private static ArrayNode randomArray(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(randomScalarOrContainer(random, depth));
        }
        return array;
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            object.set(random.nextBoolean() ? pick(random, KEYS) : randomUnicode(random, 1 + random.nextInt(8)),
                    randomScalarOrContainer(random, depth));
        }
        return object;
    }

    private static JsonNode nestedGarbage(Random random, int depth) {
        JsonNode node = random.nextBoolean() ? TextNode.valueOf(randomText(random, 5)) : NODES.nullNode();
        for (int i = 0; i < depth; i++) {
            if (random.nextBoolean()) {
                node = NODES.arrayNode().add(node);
            } else {
                ObjectNode object = NODES.objectNode();
                object.set(pick(random, KEYS), node);
                node = object;
            }
        }
        return node;
    }

    private static String hugeText(Random random) {
        int length = 10_000 + random.nextInt(190_000);
        StringBuilder text = new StringBuilder(length);
        String unit = random.nextBoolean() ? "orders-scale-up" : randomUnicode(random, 7);
        while (text.length() < length) {
            text.append(unit);
        }
        return text.toString();
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:/.\"\\{}[], ";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Text of random code points: control characters, right-to-left marks, emoji, CJK, anything but lone surrogates. */
    private static String randomUnicode(Random random, int codePoints) {
        StringBuilder text = new StringBuilder();
        int[] specials = {0, 0x7, 0x1F, 0x7F, 0x85, 0xA0, 0x200B, 0x200E, 0x202E, 0x2028, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600,
            0x10FFFF, '"', '\\', '\n'};
        for (int i = 0; i < codePoints; i++) {
            int codePoint;
            if (random.nextInt(4) == 0) {
                codePoint = specials[random.nextInt(specials.length)];
            } else {
                do {
                    codePoint = random.nextInt(random.nextBoolean() ? 0x800 : Character.MAX_CODE_POINT + 1);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ text mutations

    private static String mutateMessageText(String message, String how, Random random) {
        return switch (how) {
            case "truncate" -> message.substring(0, random.nextInt(message.length() + 1));
            case "duplicate a slice" -> {
                int from = random.nextInt(message.length() + 1);
                int to = from + random.nextInt(message.length() - from + 1);
                yield message.substring(0, to) + message.substring(from);
            }
            case "corrupt characters" -> {
                StringBuilder text = new StringBuilder(message);
                int count = 1 + random.nextInt(5);
                for (int i = 0; i < count && text.length() > 0; i++) {
                    String junk = "{}[]\",:\\ x0";
                    text.setCharAt(random.nextInt(text.length()), junk.charAt(random.nextInt(junk.length())));
                }
                yield text.toString();
            }
            case "insert unicode" -> {
                int at = random.nextInt(message.length() + 1);
                yield message.substring(0, at) + randomUnicode(random, 1 + random.nextInt(10)) + message.substring(at);
            }
            case "wrap in quotes" -> TextNode.valueOf(message).toString();
            default -> randomUnicode(random, random.nextInt(200));
        };
    }

    private static byte[] mutateText(byte[] bytes, String how, Random random) {
        return switch (how) {
            case "truncate" -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case "duplicate a slice" -> {
                int from = random.nextInt(bytes.length + 1);
                int to = from + random.nextInt(bytes.length - from + 1);
                byte[] result = new byte[bytes.length + (to - from)];
                System.arraycopy(bytes, 0, result, 0, to);
                System.arraycopy(bytes, from, result, to, bytes.length - from);
                yield result;
            }
            case "corrupt bytes" -> {
                byte[] result = bytes.clone();
                int count = 1 + random.nextInt(8);
                for (int i = 0; i < count && result.length > 0; i++) {
                    result[random.nextInt(result.length)] = (byte) random.nextInt(256);
                }
                yield result;
            }
            default -> {
                byte[] result = Arrays.copyOf(bytes, bytes.length * 2);
                System.arraycopy(bytes, 0, result, bytes.length, bytes.length);
                yield result;
            }
        };
    }

    // ------------------------------------------------------------------ small things

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
