package io.camelsms.smsclouds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;
import io.camelsms.smsclouds.model.CampaignRecipient;
import io.camelsms.smsclouds.model.CampaignRequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A campaign whose recipients are written on all cores is byte for byte what the mapper writes. */
class SmscloudsCampaignJsonTest {

    private static final String[] PIECES = {"a", "5", " ", "\"", "\\", "\n", "é", "\uD83D\uDE00", "\"recipients\":[]"};

    @Test
    void aCampaignIsWrittenAsTheMapperWritesIt() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        for (int size : new int[] {0, 1, 999, 1_000, 4_321, 30_000}) {
            List<CampaignRecipient> recipients = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                recipients.add(new CampaignRecipient(text(random), maybe(random), maybe(random), maybe(random),
                        maybe(random), maybe(random)));
            }
            CampaignRequest campaign = new CampaignRequest(text(random), recipients, maybe(random),
                    random.nextBoolean() ? 2 : null, 1, true, random.nextBoolean() ? Boolean.TRUE : null, null, false,
                    maybe(random), maybe(random));
            assertArrayEquals(Json.MAPPER.writeValueAsBytes(campaign), SmscloudsClient.write(campaign), "size " + size);
        }
    }

    private static String maybe(SplittableRandom random) {
        return random.nextInt(3) == 0 ? null : text(random);
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
