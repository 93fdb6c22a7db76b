package io.camelsms.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids for events, so the same change seen twice (two polls, a push and a poll) dedupes to one. */
public final class EventIds {

    /**
     * One digest per thread, reset by each {@code digest()}: looking SHA-256 up among the security providers for
     * every event cost a painel callback's route more than its choice of route (an id is taken two or three times
     * per report: its header, its JSON line, its ledger).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private EventIds() {
    }

    /** SHA-256 over the parts (nulls as empty), truncated to 32 hex characters. */
    public static String of(Object... parts) {
        MessageDigest digest = SHA_256.get();
        digest.reset(); // a digest left half-updated by a part whose toString failed
        for (Object part : parts) {
            digest.update(String.valueOf(part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
