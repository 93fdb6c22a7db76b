package io.camelsms.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventIdsTest {

    /** The id as defined: SHA-256 of each part and a unit separator, nulls as empty, first 16 bytes in hex. */
    private static String expected(String... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String part : parts) {
            digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    @Test
    void anIdIsTheDigestOfItsPartsWhicheverThreadTakesItAndWhateverCameBefore() throws Exception {
        assertEquals(expected("painel", "1001", null, "DELIVERED"), EventIds.of("painel", "1001", null, "DELIVERED"));
        assertEquals(expected("a", "b"), EventIds.of("a", "b"));
        assertNotEquals(EventIds.of("ab", ""), EventIds.of("a", "b"));
        // a part whose text cannot be taken leaves the thread's digest half-updated: the next id is still right
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        assertThrows(IllegalStateException.class, () -> EventIds.of("x", broken));
        assertEquals(expected("a", "b"), EventIds.of("a", "b"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertEquals(expected("webcom", "42"), other.submit(() -> EventIds.of("webcom", "42")).get());
        } finally {
            other.shutdownNow();
        }
    }
}
