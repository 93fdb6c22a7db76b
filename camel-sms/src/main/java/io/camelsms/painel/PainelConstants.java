package io.camelsms.painel;

import org.apache.camel.spi.Metadata;

import io.camelsms.core.SmsHeaders;

/** Headers of {@code painel:} beyond the shared ones. */
public final class PainelConstants extends SmsHeaders {

    @Metadata(label = "producer", description = "send: when to send, for messages without their own scheduleAt"
            + " (java.time.OffsetDateTime, ZonedDateTime, Instant, or ISO-8601 text); sent as jobdate/jobtime in the"
            + " account's timeZone.", javaType = "java.time.OffsetDateTime")
    public static final String SCHEDULE_AT = "CamelPainelScheduleAt";
    @Metadata(label = "producer", description = "status: every getstatus line as parsed, all 13 columns"
            + " (io.camelsms.painel.model.PainelStatusLine), beside the DeliveryReport body.",
              javaType = "java.util.List<io.camelsms.painel.model.PainelStatusLine>")
    public static final String STATUS_LINES = "CamelPainelStatusLines";
    @Metadata(label = "producer", description = "The panel's msg of the last reply (e.g. SUCESSO).",
              javaType = "String")
    public static final String PANEL_MESSAGE = "CamelPainelMessage";

    private PainelConstants() {
    }
}
