package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORParser;

/**
 * Reads and writes CBOR with the CBOR factory that the AWS SDK itself shades, so that the local
 * endpoint speaks exactly the encoding the SDK parses.
 *
 * <p>Documents are held as Jackson trees. A timestamp is a {@link POJONode} holding an
 * {@link Instant}; it is written in the form the protocol asks for: CBOR tag 1 with epoch seconds
 * for smithy-rpc-v2-cbor, epoch milliseconds for Kinesis' AWS CBOR.
 */
public final class Cbor {

    /** How a protocol writes timestamps. */
    public enum Timestamps {
        /** smithy-rpc-v2-cbor: tag 1 (epoch-based date/time) followed by seconds as a double. */
        TAGGED_EPOCH_SECONDS,
        /** Kinesis' awsJson1_1 over CBOR: epoch milliseconds as an integer. */
        EPOCH_MILLIS
    }

    private static final CBORFactory FACTORY = new CBORFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int EPOCH_TAG = 1;

    private Cbor() {
    }

    /**
     * Decodes one CBOR data item.
     *
     * @param bytes the encoded item; empty means an empty map, as an operation without input sends
     * @return the item as a tree
     * @throws IllegalArgumentException when the bytes are not CBOR
     */
    public static JsonNode decode(byte[] bytes) {
        if (bytes.length == 0) {
            return NODES.objectNode();
        }
        try (CBORParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NODES.objectNode();
            }
            JsonNode node = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing data after the first CBOR item");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not CBOR: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes a tree as one CBOR data item.
     *
     * @param node the tree
     * @param timestamps how timestamps are written
     * @return the encoded item
     */
    public static byte[] encode(JsonNode node, Timestamps timestamps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) FACTORY.createGenerator(out)) {
            write(generator, node, timestamps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A timestamp value for a tree that is going to be encoded.
     *
     * @param instant the time
     * @return a node that {@link #encode} writes as a protocol timestamp
     */
    public static JsonNode timestamp(Instant instant) {
        return NODES.pojoNode(instant);
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        int tag = parser instanceof CBORParser cbor ? cbor.getCurrentTag() : -1;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                if (tag == EPOCH_TAG) {
                    return timestamp(Instant.ofEpochSecond(parser.getLongValue()));
                }
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (tag == EPOCH_TAG) {
                    return timestamp(Instant.ofEpochMilli(Math.round(value * 1000)));
                }
                return NODES.numberNode(value);
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return NODES.binaryNode(parser.getBinaryValue());
            }
            default -> throw new IOException("unexpected CBOR token " + token);
        }
    }

    private static void write(CBORGenerator generator, JsonNode node, Timestamps timestamps) throws IOException {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
            if (timestamps == Timestamps.TAGGED_EPOCH_SECONDS) {
                generator.writeTag(EPOCH_TAG);
                generator.writeNumber(instant.toEpochMilli() / 1000.0);
            } else {
                generator.writeNumber(instant.toEpochMilli());
            }
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue(), timestamps);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element, timestamps);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            case BINARY -> generator.writeBinary(node.binaryValue());
            case NUMBER -> {
                if (node.isInt()) {
                    generator.writeNumber(node.intValue());
                } else if (node.isLong()) {
                    generator.writeNumber(node.longValue());
                } else if (node.isBigInteger()) {
                    generator.writeNumber(node.bigIntegerValue());
                } else {
                    generator.writeNumber(node.doubleValue());
                }
            }
            default -> throw new IOException("cannot write " + node.getNodeType() + " as CBOR");
        }
    }
}
