package io.camelsms.smsclouds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import io.camelsms.core.Batches;
import io.camelsms.core.DeliveryReport;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.Json;
import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.Phone;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.smsclouds.model.CampaignMessages;
import io.camelsms.smsclouds.model.CampaignRecipient;
import io.camelsms.smsclouds.model.CampaignRequest;
import io.camelsms.smsclouds.model.CampaignResponse;
import io.camelsms.smsclouds.model.EmailCampaign;
import io.camelsms.smsclouds.model.EmailCampaignResponse;
import io.camelsms.smsclouds.model.MessageStatus;
import io.camelsms.smsclouds.model.ResponseRecord;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.smsclouds.model.ResponsesResponse;
import io.camelsms.smsclouds.model.SmscloudsCountry;
import io.camelsms.smsclouds.model.SmscloudsLimits;
import io.camelsms.smsclouds.model.SmscloudsRoute;
import io.camelsms.smsclouds.model.SmscloudsUser;
import io.camelsms.smsclouds.model.VoiceCampaign;
import io.camelsms.smsclouds.model.VoiceCampaignResponse;
import io.camelsms.smsclouds.model.VoiceCancelResponse;
import io.camelsms.smsclouds.model.VoiceStatus;

/** Every producer operation of {@code smsclouds:}; see {@link SmscloudsOperation}. */
public class SmscloudsProducer extends DefaultProducer {

    static final String PROVIDER = "smsclouds";
    static final String CAMPAIGN_PATH = "/api/v3/campaign";
    /**
     * The document spells the SMS CLIC path three ways ({@code api/v3/smscllic/campaign}, {@code api/v3/smsclc/campaign},
     * {@code api/smscliv3/campaign}); this is the product's name in the {@code /api/v3/...} pattern of every other call.
     */
    static final String SMS_CLIC_PATH = "/api/v3/smsclic/campaign";
    /** The URL the document gives; its "HTTP Request" line says {@code api/v3/response}. */
    static final String RESPONSES_PATH = "/api/v3/responses";
    static final String USER_PATH = "/api/v1/user";
    static final String ROUTES_PATH = "/api/v3/user/routes";
    static final String COUNTRIES_PATH = "/api/v3/user/countries";
    static final String EMAIL_PATH = "/api/v1/email";
    static final String VOICE_PATH = "/api/v3/voice";
    static final String HLR_PATH = "/api/v3/hlr/";
    /** Index of a violation that concerns the whole campaign (route, url, dates), not one message. */
    static final int CAMPAIGN_LEVEL = -1;
    private static final Pattern ID = Pattern.compile("\\d{1,19}");
    private static final String MEXICO = "MX";
    private static final int MEXICO_COUNTRY_CODE = 52;

    private final SmscloudsConfiguration configuration;
    private SmscloudsClient client;
    private SmscloudsDates dates;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    public SmscloudsProducer(SmscloudsEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        int batchSize = configuration.getBatchSize();
        if (batchSize < 1 || batchSize > SmscloudsLimits.MAX_RECIPIENTS) {
            throw new IllegalArgumentException("smsclouds: batchSize must be 1.." + SmscloudsLimits.MAX_RECIPIENTS
                                               + " (the document's maximum per request), was " + batchSize);
        }
        dates = new SmscloudsDates(configuration.getTimeZone());
        client = new SmscloudsClient(configuration);
        healthChecks = SmsHealthChecks.registerProducer((SmscloudsEndpoint) getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        switch (configuration.getOperation()) {
            case send -> send(exchange, false);
            case sendClic -> send(exchange, true);
            case campaignStatus -> campaignStatus(exchange);
            case responses -> in.setBody(responses(query(exchange)));
            case user -> in.setBody(SmscloudsUser.from(client.get(USER_PATH)));
            case routes -> in.setBody(list(client.get(ROUTES_PATH), SmscloudsRoute.class));
            case countries -> in.setBody(list(client.get(COUNTRIES_PATH), SmscloudsCountry.class));
            case email -> email(exchange);
            case voice -> voice(exchange);
            case voiceStatus -> in.setBody(client.get(VOICE_PATH + "/" + id(exchange), VoiceStatus.class));
            case voiceCancel -> in.setBody(client.post(VOICE_PATH + "/" + id(exchange) + "/cancel", null,
                    VoiceCancelResponse.class));
            case hlr -> in.setBody(client.get(HLR_PATH + hlrNumber(exchange)));
            default -> throw new UnsupportedOperationException("smsclouds:" + configuration.getOperation()
                                                               + " is a consumer");
        }
    }

    // ---- send / sendClic ------------------------------------------------------------------------------------

    /** Campaign-level parameters of one send, from the endpoint options with headers winning. */
    private record Campaign(String path, Integer route, Integer country, String name, String scheduledDate,
                            String url, boolean clic) {
    }

    /**
     * One recipient ready to go, with the campaign-level values that decide which campaign it joins (the flags
     * follow from the text).
     */
    private record Entry(CampaignRecipient recipient, String text, SmscloudsEncoding.Flags flags,
                         String scheduledDate) {
        String campaignKey() {
            return text + '\u0000' + scheduledDate + '\u0000' + flags.wireKey();
        }
    }

    private void send(Exchange exchange, boolean clic) throws Exception {
        Campaign campaign = campaign(exchange.getMessage(), clic);
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        SendJob<Entry> job = new SendJob<>(PROVIDER, messages.size(), configuration);
        job.prepareAll(messages, (index, message) -> prepare(index, message, campaign, job));
        List<CampaignResponse> campaigns = new ArrayList<>();
        SendResult sent = job.send(ready -> Batches.of(byCampaign(ready), configuration.getBatchSize()),
                batch -> sendBatch(batch, campaign, campaigns));
        Map<String, Object> details = new LinkedHashMap<>();
        campaigns.stream().map(CampaignResponse::balance).filter(Objects::nonNull).reduce((a, b) -> b)
                .ifPresent(balance -> details.put("balance", balance));
        details.put("recipientsCount", campaigns.stream().map(CampaignResponse::recipientsCount)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).sum());
        SendResult result = new SendResult(PROVIDER, campaigns.stream().map(c -> String.valueOf(c.campaign())).toList(),
                sent.recipients(), details);
        OutgoingMessages.setResult(exchange, result);
        if (details.containsKey("balance")) {
            exchange.getMessage().setHeader(SmscloudsConstants.BALANCE, details.get("balance"));
        }
    }

    private Campaign campaign(Message in, boolean clic) {
        Integer route = in.getHeader(SmscloudsConstants.ROUTE, configuration.getRoute(), Integer.class);
        Integer country = in.getHeader(SmscloudsConstants.COUNTRY, configuration.getCountry(), Integer.class);
        String name = in.getHeader(SmscloudsConstants.CAMPAIGN_NAME, configuration.getCampaignName(), String.class);
        String scheduled = in.getHeader(SmscloudsConstants.SCHEDULED_DATE, configuration.getScheduledDate(),
                String.class);
        String url = in.getHeader(SmscloudsConstants.URL, configuration.getUrl(), String.class);
        List<Violation> problems = new ArrayList<>();
        if (clic && route == null) {
            problems.add(new Violation(CAMPAIGN_LEVEL, "route", "is required for SMS clic"));
        } else if (route == null && country == null) {
            problems.add(new Violation(CAMPAIGN_LEVEL, "route", "route or country is required (El campo route es"
                                       + " obligatorio cuando country no esta presente)"));
        }
        if (clic && (url == null || url.isBlank())) {
            problems.add(new Violation(CAMPAIGN_LEVEL, "url", "is required for SMS clic (the link id)"));
        }
        if (scheduled != null && !SmscloudsDates.isValid(scheduled)) {
            problems.add(new Violation(CAMPAIGN_LEVEL, "scheduled_date", "'" + scheduled + "' is not "
                                       + SmscloudsLimits.DATE_PATTERN));
        }
        if (!problems.isEmpty()) {
            throw new SmsValidationException(PROVIDER, problems);
        }
        return new Campaign(clic ? configuration.getSmsClicPath() : CAMPAIGN_PATH, route, country, name, scheduled,
                clic ? url : null, clic);
    }

    private Prepared<Entry> prepare(int index, SmsMessage message, Campaign campaign, SendJob<Entry> job) {
        MessageRules rules = new MessageRules(index);
        String cellphone = null;
        try {
            cellphone = cellphone(PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion()));
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            rules.invalidNumber("cellphone", e.getMessage());
        }
        String text = message.text();
        rules.required("text", text);
        CampaignRecipient recipient = new CampaignRecipient(cellphone, message.name(), message.field1(),
                message.field2(), message.field3(), message.field4());
        SmscloudsEncoding.Flags flags = null;
        if (text != null && !text.isEmpty()) {
            try {
                flags = configuration.getEncoding().flagsFor(text, recipient.fill(text));
            } catch (IllegalArgumentException e) {
                rules.fail("text", e.getMessage());
            }
        }
        if (campaign.clic() && text != null && !text.contains(SmscloudsLimits.SHORT_URL_PLACEHOLDER)) {
            rules.fail("text", "an SMS clic text needs the link placeholder " + SmscloudsLimits.SHORT_URL_PLACEHOLDER
                               + "...+>");
        }
        SmsText size = flags != null ? flags.cost() : SmsText.of(text);
        String externalId = message.externalId() != null ? message.externalId() : SendJob.newExternalId();
        if (!rules.ok()) {
            job.invalid(index, cellphone != null ? cellphone : message.recipient(), externalId, size, rules);
            return null;
        }
        String scheduled = message.scheduleAt() != null ? dates.format(message.scheduleAt()) : campaign.scheduledDate();
        return new Prepared<>(index, cellphone, externalId, size, new Entry(recipient, text, flags, scheduled));
    }

    /**
     * One campaign has one text, one schedule and one set of flags: the messages grouped by all three, so each group
     * is split on its own.
     */
    private static List<Prepared<Entry>> byCampaign(List<Prepared<Entry>> ready) {
        Map<String, List<Prepared<Entry>>> groups = new LinkedHashMap<>();
        for (Prepared<Entry> message : ready) {
            groups.computeIfAbsent(message.wire().campaignKey(), k -> new ArrayList<>()).add(message);
        }
        List<Prepared<Entry>> grouped = new ArrayList<>(ready.size());
        groups.values().forEach(grouped::addAll);
        return grouped;
    }

    /** The document's cellphone: the national number without country code (10 digits in Mexico). */
    static String cellphone(Phone phone) {
        return phone.nationalNumber();
    }

    /**
     * One batch of at most batchSize recipients; usually one campaign, more when the batch holds the end of one
     * text group and the start of the next. A campaign that fails after another of the batch went out is reported
     * per recipient, so nothing accepted is sent twice.
     */
    private SendJob.BatchOutcome sendBatch(List<Prepared<Entry>> batch, Campaign campaign,
                                           List<CampaignResponse> campaigns) throws Exception {
        List<RecipientResult> results = new ArrayList<>(batch.size());
        String firstId = null;
        for (List<Prepared<Entry>> run : runs(batch)) {
            Entry first = run.get(0).wire();
            SmscloudsEncoding.Flags flags = first.flags();
            // encode and long_message always, as the document's example; encode_2 / encode_3 only when set
            CampaignRequest request = new CampaignRequest(first.text(),
                    fillBlanks(run.stream().map(p -> p.wire().recipient()).toList()), campaign.name(), campaign.route(),
                    campaign.country(), flags.encode(), flags.encode2() ? Boolean.TRUE : null,
                    flags.encode3() ? Boolean.TRUE : null, flags.longMessage(), first.scheduledDate(), campaign.url());
            CampaignResponse response;
            try {
                response = client.post(campaign.path(), request, CampaignResponse.class);
                if (response.campaign() == null) {
                    throw new SmsProviderException(PROVIDER, null, "the campaign reply carries no campaign id",
                            SmsProviderException.Failure.UNKNOWN, 200);
                }
            } catch (SmsProviderException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                // an earlier campaign of the batch went out: this one is reported as its failure says (refused or
                // unknown), never thrown, so the accepted ones are not sent again
                run.forEach(p -> results.add(p.failed(e)));
                continue;
            }
            campaigns.add(response);
            String id = String.valueOf(response.campaign());
            firstId = firstId == null ? id : firstId;
            run.forEach(p -> results.add(p.accepted(id, null)));
        }
        return new SendJob.BatchOutcome(firstId, results);
    }

    private static List<List<Prepared<Entry>>> runs(List<Prepared<Entry>> batch) {
        List<List<Prepared<Entry>>> runs = new ArrayList<>();
        String key = null;
        for (Prepared<Entry> p : batch) {
            if (!p.wire().campaignKey().equals(key)) {
                runs.add(new ArrayList<>());
                key = p.wire().campaignKey();
            }
            runs.get(runs.size() - 1).add(p);
        }
        return runs;
    }

    /**
     * The document wants the combination arrays as long as the cellphones: when any recipient of a campaign uses
     * a combination field, every recipient carries it, blank where it had none.
     */
    static List<CampaignRecipient> fillBlanks(List<CampaignRecipient> recipients) {
        List<Function<CampaignRecipient, String>> fields = List.of(CampaignRecipient::name,
                CampaignRecipient::field1, CampaignRecipient::field2, CampaignRecipient::field3,
                CampaignRecipient::field4);
        boolean[] used = new boolean[fields.size()];
        boolean any = false;
        for (int f = 0; f < fields.size(); f++) {
            Function<CampaignRecipient, String> field = fields.get(f);
            used[f] = recipients.stream().anyMatch(r -> field.apply(r) != null);
            any |= used[f];
        }
        if (!any) {
            return recipients;
        }
        List<CampaignRecipient> filled = new ArrayList<>(recipients.size());
        for (CampaignRecipient r : recipients) {
            filled.add(new CampaignRecipient(r.cellphone(), blank(used[0], r.name()), blank(used[1], r.field1()),
                    blank(used[2], r.field2()), blank(used[3], r.field3()), blank(used[4], r.field4())));
        }
        return filled;
    }

    private static String blank(boolean used, String value) {
        return used && value == null ? "" : value;
    }

    // ---- status and queries ---------------------------------------------------------------------------------

    private void campaignStatus(Exchange exchange) throws Exception {
        String id = id(exchange);
        CampaignMessages campaign = client.get(campaignMessagesPath(id), CampaignMessages.class);
        String campaignId = campaignId(campaign, id);
        Message out = exchange.getMessage();
        out.setBody(new CampaignStatusResult(campaign, reports(campaign, id, dates)));
        out.setHeader(SmsHeaders.CAMPAIGN_ID, campaignId);
        out.setHeader(SmscloudsConstants.CAMPAIGN_STATUS, campaign.campaignStatus());
        out.setHeader(SmscloudsConstants.PERCENTAGE, campaign.percentage());
    }

    /**
     * One report per message of a campaign, as {@code smsclouds:campaignStatus} and {@code smsclouds:dlr} emit them:
     * the campaign id as the producer recorded it (the send's batch id) and the cellphone as sent, so the tracking
     * store matches a report to its message by campaign and recipient.
     */
    static List<DeliveryReport> reports(CampaignMessages campaign, String requestedId, SmscloudsDates dates) {
        String campaignId = campaignId(campaign, requestedId);
        return campaign.data().stream().map(m -> new DeliveryReport(PROVIDER,
                m.id() == null ? null : String.valueOf(m.id()), campaignId, m.cellphone(), null,
                MessageStatus.normalise(m.status()), m.status(), dates.parseLeniently(m.sentDate()), null)).toList();
    }

    /** GET path of a campaign's messages and their statuses ("Messages: ID and Status DLR"). */
    static String campaignMessagesPath(String campaignId) {
        return CAMPAIGN_PATH + "/" + campaignId + "/messages";
    }

    private static String campaignId(CampaignMessages campaign, String requestedId) {
        return campaign.campaign() != null ? String.valueOf(campaign.campaign()) : requestedId;
    }

    /** The MOs of one query, as {@link InboundMessage}s. */
    List<InboundMessage> responses(ResponsesRequest query) throws Exception {
        ResponsesResponse response = client.responses(query);
        // a query by cellphone names the sender of every reply, whether or not the result repeats it
        String queried = query.type() == ResponsesRequest.BY_CELLPHONE ? query.cellphone() : null;
        return response.results().stream().map(r -> toInbound(r, queried, dates)).toList();
    }

    /** @param queriedCellphone the sender when the record does not name one (a type 3 query), else null */
    static InboundMessage toInbound(ResponseRecord r, String queriedCellphone, SmscloudsDates dates) {
        return new InboundMessage(PROVIDER, r.messageId() == null ? null : String.valueOf(r.messageId()),
                r.campaignId() == null ? null : String.valueOf(r.campaignId()),
                r.cellphone() != null ? r.cellphone() : queriedCellphone, r.response(), null,
                dates.parseLeniently(r.receivedAt()), null);
    }

    /** The body's {@link ResponsesRequest}; else by campaign (CamelSmsCampaignId) or by cellphone (CamelSmsRecipient). */
    private ResponsesRequest query(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        if (in.getBody() instanceof ResponsesRequest request) {
            if (request.type() < ResponsesRequest.BY_DATE || request.type() > ResponsesRequest.BY_CAMPAIGNS) {
                throw new SmsValidationException(PROVIDER, List.of(new Violation(CAMPAIGN_LEVEL, "type",
                        request.type() + " is not one of 1, 2, 3, 4")));
            }
            return request;
        }
        String campaign = in.getHeader(SmsHeaders.CAMPAIGN_ID, String.class);
        if (campaign != null) {
            return ResponsesRequest.byCampaigns(List.of(Long.parseLong(checkedId(campaign))));
        }
        String cellphone = in.getHeader(SmsHeaders.RECIPIENT, String.class);
        if (cellphone != null) {
            return ResponsesRequest.byCellphone(cellphone(PhoneNumbers.parse(cellphone,
                    configuration.getDefaultRegion())));
        }
        throw new InvalidPayloadException(exchange, ResponsesRequest.class);
    }

    private void email(Exchange exchange) throws Exception {
        EmailCampaign campaign = bodyAs(exchange, EmailCampaign.class);
        MessageRules rules = campaign.check();
        if (!rules.ok()) {
            throw new SmsValidationException(PROVIDER, rules.violations());
        }
        EmailCampaignResponse response = client.post(EMAIL_PATH, campaign, EmailCampaignResponse.class);
        exchange.getMessage().setBody(response);
        exchange.getMessage().setHeader(SmsHeaders.CAMPAIGN_ID, String.valueOf(response.emailCampaignId()));
    }

    private void voice(Exchange exchange) throws Exception {
        VoiceCampaign campaign = bodyAs(exchange, VoiceCampaign.class);
        MessageRules rules = campaign.check();
        if (!rules.ok()) {
            throw new SmsValidationException(PROVIDER, rules.violations());
        }
        VoiceCampaignResponse response = client.post(VOICE_PATH, campaign, VoiceCampaignResponse.class);
        Message out = exchange.getMessage();
        out.setBody(response);
        out.setHeader(SmsHeaders.CAMPAIGN_ID, String.valueOf(response.voiceCampaign()));
        if (response.balance() != null) {
            out.setHeader(SmscloudsConstants.BALANCE, response.balance());
        }
    }

    private static <T> T bodyAs(Exchange exchange, Class<T> type) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        if (body instanceof Map<?, ?> map) {
            return Json.MAPPER.convertValue(map, type);
        }
        throw new InvalidPayloadException(exchange, type);
    }

    /** A campaign id from CamelSmsCampaignId or the body; digits only, since it goes into the URL path. */
    private static String id(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        String id = in.getHeader(SmsHeaders.CAMPAIGN_ID, String.class);
        if (id == null) {
            id = in.getBody(String.class);
        }
        if (id == null) {
            throw new InvalidPayloadException(exchange, Long.class);
        }
        return checkedId(id);
    }

    private static String checkedId(String id) {
        if (!ID.matcher(id.strip()).matches()) {
            throw new SmsValidationException(PROVIDER, List.of(new Violation(CAMPAIGN_LEVEL, "id",
                    "'" + id + "' is not a numeric campaign id")));
        }
        return id.strip();
    }

    /** HLR: Mexico only, the 10-digit number without country code, from the body or CamelSmsRecipient. */
    private String hlrNumber(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        String raw = in.getHeader(SmsHeaders.RECIPIENT, String.class);
        if (raw == null) {
            raw = in.getBody(String.class);
        }
        if (raw == null) {
            throw new InvalidPayloadException(exchange, String.class);
        }
        String problem;
        try {
            Phone phone = PhoneNumbers.parse(raw, configuration.getDefaultRegion() != null
                    ? configuration.getDefaultRegion() : MEXICO);
            if (phone.countryCode() == MEXICO_COUNTRY_CODE
                && phone.nationalNumber().length() == SmscloudsLimits.HLR_DIGITS) {
                return phone.nationalNumber();
            }
            problem = "HLR is available for Mexican numbers of " + SmscloudsLimits.HLR_DIGITS + " digits only";
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            problem = e.getMessage();
        }
        throw new SmsValidationException(PROVIDER, List.of(new Violation(0, "number", problem)));
    }

    private static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        JsonNode source = array.path("data").isArray() ? array.get("data") : array;
        if (!source.isArray()) {
            throw new SmsProviderException(PROVIDER, null, "expected a JSON array, got " + source.getNodeType(),
                    SmsProviderException.Failure.UNKNOWN, 200);
        }
        source.forEach(node -> items.add(Json.MAPPER.convertValue(node, type)));
        return items;
    }
}
