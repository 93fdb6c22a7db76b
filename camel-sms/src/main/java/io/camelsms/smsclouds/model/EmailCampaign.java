package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.camelsms.core.MessageRules;

/**
 * The body of {@code POST /api/v1/email}. {@code template}: 1 basic, 2 basic format (the provider's default),
 * 3 only image, 4 image and text. Required fields depend on the template (see {@link #check}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailCampaign(
        @JsonProperty("body") String body,
        @JsonProperty("subject") String subject,
        @JsonProperty("recipients") List<EmailRecipient> recipients,
        @JsonProperty("attachment") Integer attachment,
        @JsonProperty("scheduledDate") String scheduledDate,
        @JsonProperty("template") Integer template,
        @JsonProperty("header") String header,
        @JsonProperty("image") String image,
        @JsonProperty("sender") String sender) {

    public static final int TEMPLATE_BASIC = 1;
    public static final int TEMPLATE_BASIC_FORMAT = 2;
    public static final int TEMPLATE_ONLY_IMAGE = 3;
    public static final int TEMPLATE_IMAGE_AND_TEXT = 4;
    /** The template the provider uses when none is given. */
    public static final int DEFAULT_TEMPLATE = TEMPLATE_BASIC_FORMAT;

    /**
     * The document's "Parameters according to template" table: {@code subject} and {@code recipients} always;
     * {@code body} for 1, 2 and 4; {@code image} for 3. Each recipient needs an {@code email}.
     */
    public MessageRules check() {
        MessageRules rules = new MessageRules(0);
        int effective = template == null ? DEFAULT_TEMPLATE : template;
        if (effective < TEMPLATE_BASIC || effective > TEMPLATE_IMAGE_AND_TEXT) {
            rules.fail("template", effective + " is not one of 1, 2, 3, 4");
        }
        rules.required("subject", subject);
        if (effective == TEMPLATE_ONLY_IMAGE) {
            rules.required("image", image);
        } else {
            rules.required("body", body);
        }
        if (recipients == null || recipients.isEmpty()) {
            rules.fail("recipients", "is required");
        } else {
            for (int i = 0; i < recipients.size(); i++) {
                EmailRecipient r = recipients.get(i);
                rules.required("recipients." + i + ".email", r == null ? null : r.email());
            }
        }
        return rules;
    }
}
