package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.camelsms.pwapi.model.PwapiMessage;
import io.camelsms.pwapi.model.PwapiRequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A bulk body written in chunks on all cores is byte for byte what the mapper writes for the whole request. */
class JsonTest {

    /** Characters JSON escapes, multi-byte UTF-8, a surrogate pair, and the field name itself inside a value. */
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "€",
        "\uD83D\uDE00", "\"messages\":[]", "<+B+>", ","};

    @Test
    void writesTheSameBytesAsTheMapperForEverySize() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        for (int size : new int[] {0, 1, 2, 499, 500, 501, 999, 1_000, 1_001, 7_777, 20_000}) {
            List<PwapiMessage> messages = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                messages.add(new PwapiMessage(text(random), text(random), text(random), random.nextBoolean() ? "S"
                        : null, text(random)));
            }
            String principal = random.nextBoolean() ? null : text(random);
            String credential = text(random);
            byte[] whole = Json.MAPPER.writeValueAsBytes(new PwapiRequest("4.00", credential, "t\"ok", "SEND_MESSAGE",
                    principal, messages));
            byte[] chunked = Json.writeWithArray(new PwapiRequest("4.00", credential, "t\"ok", "SEND_MESSAGE",
                    principal, List.of()), "messages", messages);
            assertArrayEquals(whole, chunked, "size " + size);
        }
    }

    @Test
    void aPwapiMessageIsWrittenAsItsFieldsInTheDocumentsOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        String shared = text(random) + "\u00e9\"\n";
        for (int i = 0; i < 20_000; i++) {
            // texts shared by many messages (the same String), then others, then null
            String message = i % 3 == 0 ? shared : i % 3 == 1 ? text(random) : random.nextInt(10) == 0 ? null
                    : shared;
            PwapiMessage wire = new PwapiMessage(text(random), random.nextBoolean() ? null : text(random),
                    text(random), random.nextBoolean() ? "S" : null, message);
            // a plain map: Jackson's own writing of the same fields in the same order
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("id_extern", wire.idExtern());
            fields.put("aux_user", wire.auxUser());
            fields.put("mobile", wire.mobile());
            fields.put("send_project", wire.sendProject());
            fields.put("message", wire.message());
            assertArrayEquals(Json.MAPPER.writeValueAsBytes(fields), Json.MAPPER.writeValueAsBytes(wire), "" + wire);
        }
    }

    @Test
    void aRequestWithoutTheEmptyArrayIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> Json.writeWithArray(
                new PwapiRequest("4.00", "c", "t", "SEND_MESSAGE", null, null), "messages", List.of()));
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
