package io.camelsms.painel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.Phone;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.painel.model.PainelResponse;

import static io.camelsms.painel.PainelClient.encode;
import static io.camelsms.painel.PainelClient.param;

/**
 * The producer operations: send (campaigns), status, balance, hold and release, each one panel action through
 * {@link PainelClient}.
 */
public class PainelProducer extends DefaultProducer {

    static final String PROVIDER = "painel";
    /** Per-message {@link SmsMessage#options()} entry overriding the endpoint's callback URL. */
    static final String URL_CALLBACK_OPTION = PainelApi.URL_CALLBACK;

    private final PainelEndpoint endpoint;
    private final PainelConfiguration configuration;
    private PainelClient client;
    private ZoneId accountZone;
    private int accountCountryCode;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    public PainelProducer(PainelEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = new PainelClient(endpoint);
        accountZone = client.accountZone();
        if (configuration.getOperation() == PainelOperation.send) {
            String region = configuration.getDefaultRegion();
            if (region == null || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(region.toUpperCase())) {
                throw new IllegalArgumentException("painel:send needs defaultRegion, the account's country (e.g. BR):"
                        + " the panel takes national numbers without country code; was '" + region + "'");
            }
            accountCountryCode = PhoneNumberUtil.getInstance().getCountryCodeForRegion(region.toUpperCase());
        }
        healthChecks = SmsHealthChecks.registerProducer(endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (configuration.getOperation()) {
            case send -> send(exchange);
            case status -> status(exchange);
            case balance -> balance(exchange);
            case hold, release -> holdOrRelease(exchange);
            default -> throw new IllegalStateException("painel:" + configuration.getOperation() + " does not send");
        }
    }

    // ---- send -------------------------------------------------------------------------------------------------

    /** What makes messages one campaign: the panel sends one msg, at one time, with one callback, to many numbers. */
    record CampaignKey(String msg, String jobdate, String jobtime, String urlCallback) {
    }

    /** One recipient of a campaign: the national number as it goes into {@code numbers}. */
    record Recipient(String number, CampaignKey campaign) {
    }

    private void send(Exchange exchange) throws Exception {
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        OffsetDateTime scheduleHeader = scheduleHeader(exchange.getMessage());
        SendJob<Recipient> job = new SendJob<>(PROVIDER, messages.size(), configuration);
        job.prepareAll(messages, (index, message) -> prepare(index, message, scheduleHeader, job));
        if (!configuration.isAllowDuplicateRecipients()) {
            job.rejectRepeated(Prepared::wire, "the panel reports statuses by campaign and number, so it could"
                    + " not tell the two apart (allowDuplicateRecipients=true sends both)");
        }
        SendResult result = job.send(this::campaigns, this::sendCampaign);
        OutgoingMessages.setResult(exchange, result);
    }

    private Prepared<Recipient> prepare(int index, SmsMessage message, OffsetDateTime scheduleHeader,
                                        SendJob<Recipient> job) {
        MessageRules rules = new MessageRules(index);
        String number = null;
        try {
            Phone phone = PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion());
            if (phone.countryCode() != accountCountryCode) {
                rules.invalidNumber("numbers", "'" + message.recipient() + "' has country code " + phone.countryCode()
                        + "; the panel takes national numbers of the account's country only (" + accountCountryCode
                        + ", defaultRegion " + configuration.getDefaultRegion() + ")");
            } else {
                number = phone.nationalNumber();
            }
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            rules.invalidNumber("numbers", e.getMessage());
        }
        rules.required("msg", message.text());
        OffsetDateTime scheduleAt = message.scheduleAt() != null ? message.scheduleAt() : scheduleHeader;
        String jobdate = null;
        String jobtime = null;
        if (scheduleAt != null) {
            ZonedDateTime local = scheduleAt.atZoneSameInstant(accountZone);
            jobdate = PainelApi.JOBDATE_FORMAT.format(local);
            jobtime = PainelApi.JOBTIME_FORMAT.format(local);
        }
        String urlCallback = message.option(URL_CALLBACK_OPTION) != null
                ? message.option(URL_CALLBACK_OPTION) : defaultCallbackUrl();
        CampaignKey campaign = new CampaignKey(message.text(), jobdate, jobtime, urlCallback);
        if (rules.ok()) {
            int length = campaignUrl(campaign, List.of(number)).length();
            if (length > configuration.getMaxUrlLength()) {
                rules.textTooLong("msg", "the request URL for this text is " + length + " characters, maxUrlLength is "
                        + configuration.getMaxUrlLength());
            }
        }
        SmsText text = SmsText.of(message.text() == null ? "" : message.text());
        String externalId = message.externalId() != null ? message.externalId() : SendJob.newExternalId();
        if (!rules.ok()) {
            job.invalid(index, number != null ? number : message.recipient(), externalId, text, rules);
            return null;
        }
        return new Prepared<>(index, number, externalId, text, new Recipient(number, campaign));
    }

    /** {@link PainelConfiguration#getCallbackUrl()} with the webhook secret as a path segment, or null. */
    private String defaultCallbackUrl() {
        String url = configuration.getCallbackUrl();
        if (url == null || url.isBlank()) {
            return null;
        }
        String secret = configuration.getWebhookSecret();
        if (secret == null || secret.isEmpty()) {
            return url;
        }
        return (url.endsWith("/") ? url : url + "/") + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    private static OffsetDateTime scheduleHeader(Message message) {
        Object value = message.getHeader(PainelConstants.SCHEDULE_AT);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof ZonedDateTime time) {
            return time.toOffsetDateTime();
        }
        if (value instanceof Instant time) {
            return time.atOffset(java.time.ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new SmsValidationException(PROVIDER, List.of(new Violation(0, PainelConstants.SCHEDULE_AT,
                    "'" + value + "' is not an ISO-8601 date-time with offset")));
        }
    }

    /**
     * Messages grouped into campaigns (same text, schedule and callback; first-seen order), each cut so its URL
     * stays within maxUrlLength.
     */
    private List<List<Prepared<Recipient>>> campaigns(List<Prepared<Recipient>> ready) {
        Map<CampaignKey, List<Prepared<Recipient>>> groups = new LinkedHashMap<>();
        for (Prepared<Recipient> message : ready) {
            groups.computeIfAbsent(message.wire().campaign(), k -> new ArrayList<>()).add(message);
        }
        List<List<Prepared<Recipient>>> campaigns = new ArrayList<>();
        int max = configuration.getMaxUrlLength();
        for (Map.Entry<CampaignKey, List<Prepared<Recipient>>> group : groups.entrySet()) {
            int fixed = campaignUrl(group.getKey(), List.of()).length();
            List<Prepared<Recipient>> part = new ArrayList<>();
            int length = fixed;
            for (Prepared<Recipient> message : group.getValue()) {
                int added = message.wire().number().length() + (part.isEmpty() ? 0 : 1);
                if (!part.isEmpty() && length + added > max) {
                    campaigns.add(part);
                    part = new ArrayList<>();
                    length = fixed;
                    added = message.wire().number().length();
                }
                part.add(message);
                length += added;
            }
            campaigns.add(part);
        }
        return campaigns;
    }

    private SendJob.BatchOutcome sendCampaign(List<Prepared<Recipient>> campaign) throws Exception {
        List<String> numbers = campaign.stream().map(m -> m.wire().number()).toList();
        URI uri = URI.create(campaignUrl(campaign.get(0).wire().campaign(), numbers));
        PainelResponse response = client.callWithRetries(PainelApi.SENDSMS,
                "painel sendsms to " + numbers.size() + " numbers", uri);
        String campaignId = response.dataText();
        if (campaignId == null || campaignId.isBlank()) {
            throw new SmsProviderException(PROVIDER, null, "sendsms succeeded without a campaign id in data",
                    SmsProviderException.Failure.UNKNOWN, 200);
        }
        return SendJob.BatchOutcome.allAccepted(campaignId.strip(), campaign);
    }

    private String campaignUrl(CampaignKey campaign, List<String> numbers) {
        StringBuilder url = client.actionUrl(PainelApi.SENDSMS);
        param(url, PainelApi.MSG, encode(campaign.msg()));
        // digits and commas only: sent as the manual shows them
        param(url, PainelApi.NUMBERS, String.join(",", numbers));
        if (campaign.urlCallback() != null) {
            param(url, PainelApi.URL_CALLBACK, encode(campaign.urlCallback()));
        }
        if (campaign.jobdate() != null) {
            param(url, PainelApi.JOBDATE, campaign.jobdate());
            param(url, PainelApi.JOBTIME, campaign.jobtime());
        }
        return url.toString();
    }

    // ---- status, balance, hold, release -----------------------------------------------------------------------

    private void status(Exchange exchange) throws Exception {
        String id = campaignId(exchange);
        client.takeQuerySlot(PainelApi.GETSTATUS);
        PainelClient.CampaignStatus status = client.statusInSlot(id);
        Message out = exchange.getMessage();
        out.setBody(status.reports());
        out.setHeader(PainelConstants.STATUS_LINES, status.lines());
        out.setHeader(SmsHeaders.CAMPAIGN_ID, id);
        out.setHeader(SmsHeaders.PROVIDER, PROVIDER);
        out.setHeader(PainelConstants.PANEL_MESSAGE, status.msg());
    }

    private void balance(Exchange exchange) throws Exception {
        client.takeQuerySlot(PainelApi.GETBALANCE);
        PainelClient.Balance balance = client.balanceInSlot();
        Message out = exchange.getMessage();
        out.setBody(balance.amount());
        out.setHeader(SmsHeaders.PROVIDER, PROVIDER);
        out.setHeader(PainelConstants.PANEL_MESSAGE, balance.msg());
    }

    private void holdOrRelease(Exchange exchange) throws Exception {
        String id = campaignId(exchange);
        String action = configuration.getOperation().action();
        PainelResponse response = client.callWithRetries(action, "painel " + action + " " + id,
                URI.create(client.idUrl(action, id)));
        Message out = exchange.getMessage();
        out.setBody(id);
        out.setHeader(SmsHeaders.CAMPAIGN_ID, id);
        out.setHeader(SmsHeaders.PROVIDER, PROVIDER);
        out.setHeader(PainelConstants.PANEL_MESSAGE, response.msg());
    }

    /** The campaign from the CamelSmsCampaignId header, else the body; the manual's ids are integers. */
    private static String campaignId(Exchange exchange) {
        Message in = exchange.getMessage();
        String id = in.getHeader(SmsHeaders.CAMPAIGN_ID, String.class);
        if (id == null) {
            id = in.getBody(String.class);
        }
        id = id == null ? null : id.strip();
        if (id == null || !id.matches("\\d+")) {
            throw new SmsValidationException(PROVIDER, List.of(new Violation(0, PainelApi.ID,
                    "the campaign id (header " + SmsHeaders.CAMPAIGN_ID + " or body) must be the integer sendsms"
                    + " returned, was " + (id == null ? "missing" : "'" + id + "'"))));
        }
        return id;
    }
}
