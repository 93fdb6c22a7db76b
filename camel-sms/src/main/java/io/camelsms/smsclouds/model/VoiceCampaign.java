package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.camelsms.core.MessageRules;

/**
 * The body of {@code POST /api/v3/voice} (Blaster / RoboCall): {@code type} 1 plays a saved {@code audio},
 * 2 speaks {@code text}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceCampaign(
        @JsonProperty("type") Integer type,
        @JsonProperty("audio") Integer audio,
        @JsonProperty("text") String text,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("recipients") List<VoiceRecipient> recipients,
        @JsonProperty("remittent") String remittent,
        @JsonProperty("scheduledDate") String scheduledDate,
        @JsonProperty("transfer_num") String transferNum,
        @JsonProperty("transfer_key") Integer transferKey) {

    public static final int TYPE_AUDIO = 1;
    public static final int TYPE_TEXT_TO_SPEECH = 2;

    /**
     * The document's parameter table: {@code type} 1 or 2, {@code audio} when 1, {@code text} when 2,
     * {@code campaign_name}, {@code recipients} (each with a cellphone) and {@code remittent} required;
     * {@code transfer_key} required when {@code transfer_num} is present.
     */
    public MessageRules check() {
        MessageRules rules = new MessageRules(0);
        if (type == null || (type != TYPE_AUDIO && type != TYPE_TEXT_TO_SPEECH)) {
            rules.fail("type", "must be 1 (saved audio) or 2 (text to speech), was " + type);
        } else if (type == TYPE_AUDIO && audio == null) {
            rules.fail("audio", "is required when type = 1");
        } else if (type == TYPE_TEXT_TO_SPEECH) {
            rules.required("text", text);
        }
        rules.required("campaign_name", campaignName);
        rules.required("remittent", remittent);
        if (recipients == null || recipients.isEmpty()) {
            rules.fail("recipients", "is required");
        } else {
            for (int i = 0; i < recipients.size(); i++) {
                VoiceRecipient r = recipients.get(i);
                rules.required("recipients." + i + ".cellphone", r == null ? null : r.cellphone());
            }
        }
        if (transferNum != null && !transferNum.isBlank() && transferKey == null) {
            rules.fail("transfer_key", "is required when transfer_num is present");
        }
        return rules;
    }
}
