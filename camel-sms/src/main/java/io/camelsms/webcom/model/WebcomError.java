package io.camelsms.webcom.model;

import java.util.Arrays;

import io.camelsms.core.SmsProviderException;

/**
 * The {@code error} texts the send document lists, with the HTTP status they come with and what they mean. The
 * same texts come as a whole reply ({@code {"error": ...}}) or per phone in {@code information}.
 * <p>
 * What a text says about the request is decided here and nowhere else: every listed text refuses it for good (they
 * are about the credentials, the account or the content). A text the document does not list is treated the same as
 * a listed one: refused. HTTP 5xx, timeouts and resets are unknown outcomes, marked by the transport.
 * <p>
 * The document prints "Your account is locked Incorrect login or password" as one line; camel-sms reads it as
 * two texts.
 */
public enum WebcomError {
    INVALID_JSON("Incorrect JSON document format", 200, "the request body is not the JSON the platform expects"),
    ACCOUNT_LOCKED("Your account is locked", 200, "the account is locked"),
    BAD_CREDENTIALS("Incorrect login or password", 200, "login/password or token not accepted"),
    NO_POST_DATA("POST data is missing", 200, "the request had no body"),
    RUN_OUT_OF_SMS("We have run out of SMS. Contact your manager to resolve the problem", 400,
            "the platform has no SMS left for the account; the manager can resolve it"),
    OUT_OF_SMS("Out of SMS", 400, "the account has no SMS left"),
    ACCOUNT_BLOCKED("Account blocked", 400, "the account is blocked"),
    NO_PHONE("Specify phone number", 400, "a phone number is missing"),
    STOP_LIST("Phone number is on the stop list", 400, "the recipient is on the stop list"),
    DESTINATION_CLOSED_FOR_YOU("This destination is closed for you", 400,
            "the account may not send to this destination"),
    DESTINATION_CLOSED("This destination is closed", 400, "the platform does not send to this destination"),
    TEXT_REJECTED("SMS text rejected by moderator", 400, "the moderator rejected the text"),
    NO_SENDER("No sender", 400, "the sender is missing"),
    SENDER_TOO_LONG("The sender must not exceed 15 characters for numeric numbers and 11 characters for"
            + " alphanumeric numbers", 400, "the sender is too long"),
    PHONE_TOO_LONG("Phone number must be less than 15 characters", 400, "the phone number is too long"),
    NO_TEXT("No message text", 400, "the text is missing"),
    NO_LINK("No link", 400, "a WAP-Push message needs a link"),
    NO_CONTACT("Provide the name of the contact and at least one parameter for a business card", 400,
            "a business card needs a contact name and one more field"),
    UNKNOWN_SENDER("There is no such sender", 400, "the sender is not registered on the account"),
    SENDER_NOT_MODERATED("The sender has not been moderated", 400, "the sender is still waiting for moderation");

    private final String text;
    private final int httpStatus;
    private final String meaning;

    WebcomError(String text, int httpStatus, String meaning) {
        this.text = text;
        this.httpStatus = httpStatus;
        this.meaning = meaning;
    }

    /** The error text exactly as the platform sends it. */
    public String text() {
        return text;
    }

    /** The HTTP status the document lists the text under. */
    public int httpStatus() {
        return httpStatus;
    }

    public String meaning() {
        return meaning;
    }

    /** The documented error with this text (case and surrounding space ignored), or null. */
    public static WebcomError of(String text) {
        String wanted = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(e -> e.text.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }

    /** The typed failure for an {@code {"error": text}} reply; its code is the platform's own text. */
    public static SmsProviderException toException(String provider, String text, int httpStatus) {
        WebcomError known = of(text);
        String meaning = known != null ? known.meaning() : "an error text the document does not list";
        return new SmsProviderException(provider, text == null ? null : text.strip(), meaning,
                SmsProviderException.Failure.REFUSED, httpStatus);
    }
}
