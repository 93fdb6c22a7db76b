package io.camelsms.smsclouds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The metrics' operation of a smsclouds call: its method and documented path, never an id or a phone number. */
class SmscloudsOperationNameTest {

    @Test
    void idsAndNumbersInAPathBecomeAPlaceholder() {
        assertEquals("POST /api/v3/campaign", SmscloudsClient.operation("POST", SmscloudsProducer.CAMPAIGN_PATH));
        assertEquals("GET /api/v3/campaign/{id}/messages",
                SmscloudsClient.operation("GET", SmscloudsProducer.campaignMessagesPath("1042")));
        assertEquals("GET /api/v3/hlr/{id}", SmscloudsClient.operation("GET", SmscloudsProducer.HLR_PATH + "+5511987654321"));
        assertEquals("POST /api/v3/voice/{id}/cancel",
                SmscloudsClient.operation("POST", SmscloudsProducer.VOICE_PATH + "/77/cancel"));
    }
}
