package io.camelsms.smsway.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads {@code ipv4grant} / {@code prefixwhite}: the document calls them lists in userinfo but writes them as
 * comma-separated strings in updateuserinfo ({@code "39,1,44,"}), so both a JSON array and such a string are
 * accepted. Empty items (the trailing comma) are dropped.
 */
public final class CommaList extends JsonDeserializer<List<String>> {

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = parser.readValueAsTree();
        List<String> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(item -> add(items, item.asText()));
        } else {
            for (String item : node.asText().split(",")) {
                add(items, item);
            }
        }
        return items;
    }

    @Override
    public List<String> getNullValue(DeserializationContext context) {
        return List.of();
    }

    private static void add(List<String> items, String item) {
        String trimmed = item.strip();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }

    /** The wire form updateuserinfo takes: items joined by commas; an empty list is {@code ""}. */
    public static String join(List<String> items) {
        return String.join(",", items);
    }
}
