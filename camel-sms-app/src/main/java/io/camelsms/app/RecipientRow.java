package io.camelsms.app;

import java.util.Map;

import io.camelsms.core.SmsMessage;

/**
 * One row of a recipient file that is well-formed; whether the provider can take it is decided when sending.
 *
 * @param line  line of the file the row starts on (1-based, counting the header and any {@code # text:} line)
 * @param rowId stable id: the row's {@code external_id}, or the file's content hash and the line, so a resumed
 *              file skips exactly the rows already accepted
 */
public record RecipientRow(long line, String rowId, String phone, String text, String name, String field1,
                           String field2, String field3, String field4) {

    /** @param origin where the row comes from ({@code file.csv line 12}), kept as {@link SmsMessage#ORIGIN_OPTION} */
    public SmsMessage toMessage(String origin) {
        return new SmsMessage(phone, text, null, rowId, name, field1, field2, field3, field4, null, null,
                Map.of(SmsMessage.ORIGIN_OPTION, origin));
    }
}
