package io.camelsms.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson mapper camel-sms uses: thread-safe, tolerant of fields providers add later. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // keep the caller's UTC offset on schedule times: providers take local dates
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** Below this many items, one thread writes the whole array (handing work to others costs more). */
    static final int PARALLEL_FROM = 1_000;
    private static final int ITEMS_PER_CHUNK = 500;

    private Json() {
    }

    /**
     * {@code MAPPER.writeValueAsBytes} of a request that carries one large array (a bulk send's messages), the array
     * written on all cores: its items in chunks, each chunk by one thread, joined in order. The bytes are the same as
     * the mapper writes for the whole request (JsonTest compares them).
     *
     * @param requestWithEmptyArray the request with that array empty: its JSON holds {@code "<field>":[]} once
     * @param field                 the array's JSON name
     * @param items                 the array's items
     */
    public static byte[] writeWithArray(Object requestWithEmptyArray, String field, List<?> items)
            throws IOException {
        byte[] outer = MAPPER.writeValueAsBytes(requestWithEmptyArray);
        int insertAt = indexOf(outer, ("\"" + field + "\":[]").getBytes(StandardCharsets.UTF_8));
        if (insertAt < 0) {
            throw new IllegalArgumentException("no empty array '" + field + "' in " + requestWithEmptyArray);
        }
        insertAt += field.length() + 4; // just after the '['
        int chunks = (items.size() + ITEMS_PER_CHUNK - 1) / ITEMS_PER_CHUNK;
        IntStream indexes = IntStream.range(0, chunks);
        byte[][] written;
        try {
            written = (items.size() >= PARALLEL_FROM ? indexes.parallel() : indexes).mapToObj(chunk -> {
                try {
                    return MAPPER.writeValueAsBytes(items.subList(chunk * ITEMS_PER_CHUNK,
                            Math.min(items.size(), (chunk + 1) * ITEMS_PER_CHUNK)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toArray(byte[][]::new);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int length = outer.length + Math.max(0, written.length - 1); // the commas between chunks
        for (byte[] chunk : written) {
            length += chunk.length - 2;
        }
        byte[] json = new byte[length];
        System.arraycopy(outer, 0, json, 0, insertAt);
        int at = insertAt;
        for (int i = 0; i < written.length; i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            // the chunk's items, without its brackets
            System.arraycopy(written[i], 1, json, at, written[i].length - 2);
            at += written[i].length - 2;
        }
        System.arraycopy(outer, insertAt, json, at, outer.length - insertAt);
        return json;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
