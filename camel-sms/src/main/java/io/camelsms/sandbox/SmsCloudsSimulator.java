package io.camelsms.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import io.camelsms.core.Json;
import io.camelsms.smsclouds.model.CampaignRecipient;
import io.camelsms.smsclouds.model.SmscloudsLimits;

/**
 * Smsclouds API V3 (Max4Systems / masmensajes) as its document describes it: Bearer token on every call,
 * {@code "message":"Completado Correctamente"} on success, {@code {"error":{"information","status_code"}}} with
 * 400 / 401 / 404 / 422 otherwise, and {@code X-RateLimit-Limit} on every reply. {@code Content-Type:
 * application/json} is required on every call whose section lists it (all but User Credentials), and a campaign text
 * with characters outside {@link SmscloudsLimits#PLAIN_CHARACTERS} needs an encode flag.
 * <ul>
 * <li>SMS and SMS clic campaigns live on the {@link SandboxClock}: {@code inserting} for {@link #INSERTING_FOR},
 * then {@code inserted}; messages go {@code in progress} to {@code sent} (or {@code failed} for numbers marked with
 * {@link #failNumber}) evenly over {@link #SENDING_FOR}, the percentage 0 to 100 with them.</li>
 * <li>{@link #mo} makes a sent number reply: the MO is kept for {@code /api/v3/responses} and pushed by GET to the
 * {@link #moWebhook} URL, as the platform does; {@link #keywordRequest} calls the {@link #keywordWebhook} URL.</li>
 * <li>Voice campaigns are queued (0) for {@link #VOICE_QUEUED_FOR}, in process (1) for {@link #VOICE_CALLING_FOR},
 * then sent (2) or failed (3); only a queued one can be cancelled.</li>
 * <li>The HLR reply and the responses of types 1-3 are not in the document: the sandbox's shapes are its own.</li>
 * </ul>
 * A {@code Fault.code("422")} (any status as text) answers the documented error body with that status; 429 adds
 * {@code Retry-After: 0}.
 * <p>
 * Retention (the document names none): a campaign whose messages are all final is forgotten ({@code 404} on its
 * messages) once its last message was sent more than {@link #RETENTION} ago by the sandbox clock, or, once its final
 * statuses were read by {@code campaign/{id}/messages}, as soon as the sandbox holds more than
 * {@value #RETAINED_MESSAGES} messages (oldest first): a campaign nobody has read since it ended is kept for the
 * whole retention. MOs are kept for {@link #RETENTION} too, at most the last {@value #MOS_KEPT}.
 */
public final class SmsCloudsSimulator extends ProviderSimulator {

    public static final String DEFAULT_TOKEN = "sandbox-smsclouds-token";
    public static final String USER = "sandbox@smsclouds.test";
    public static final double DEFAULT_BALANCE = 1_000_000.0;
    public static final int RATE_LIMIT = 60;
    public static final Duration INSERTING_FOR = Duration.ofSeconds(5);
    public static final Duration SENDING_FOR = Duration.ofSeconds(60);
    public static final Duration VOICE_QUEUED_FOR = Duration.ofSeconds(10);
    public static final Duration VOICE_CALLING_FOR = Duration.ofSeconds(30);
    /** How long a final campaign and an MO stay queryable, by the sandbox clock. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** Beyond this many messages held, the oldest final campaigns already read are forgotten. */
    public static final int RETAINED_MESSAGES = 200_000;
    public static final int MOS_KEPT = 10_000;
    /** The SMS clic link ids the account has. */
    public static final Set<String> SHORT_URLS = Set.of("4", "7");
    /** The saved audio ids the account has. */
    public static final Set<Integer> AUDIOS = Set.of(1, 2);
    static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
    private static final String USER_V1_PATH = "/api/v1/user";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(SmscloudsLimits.DATE_PATTERN);
    private static final double PRICE = 0.2;
    private static final int KEPT_REQUESTS = 50;
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
    private static final Pattern CAMPAIGN_MESSAGES = Pattern.compile("/api/v3/campaign/(\\d+)/messages");
    private static final Pattern VOICE_ID = Pattern.compile("/api/v3/voice/(\\d+)");
    private static final Pattern VOICE_CANCEL = Pattern.compile("/api/v3/voice/(\\d+)/cancel");
    private static final Pattern HLR = Pattern.compile("/api/v3/hlr/([^/]*)");
    private static final List<String> COMBINATION = List.of("name", "field1", "field2", "field3", "field4");
    /** The SMS CLIC path as camel-sms sends it by default, and the three spellings of the document. */
    public static final Set<String> SMS_CLIC_PATHS = Set.of("/api/v3/smsclic/campaign", "/api/v3/smscllic/campaign",
            "/api/v3/smsclc/campaign", "/api/smscliv3/campaign");
    /** The responses URL of the document and its "HTTP Request" line. */
    public static final Set<String> RESPONSES_PATHS = Set.of("/api/v3/responses", "/api/v3/response");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A route of the account: the id to send as {@code route}. */
    public record Route(int route, String name, int country, double price, String description) {
    }

    /** One request as received, for tests that check the exact wire format. */
    public record Request(String method, String path, String authorization, String contentType, String accept,
                          String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One SMS of a campaign. */
    public record Sms(long id, String cellphone, String text, Instant sendAt) {
    }

    /** An SMS or SMS clic campaign the sandbox accepted. */
    public record Campaign(long id, String name, String text, Route route, String country, String url,
                           Instant createdAt, Instant scheduledAt, List<Sms> messages) {
        Instant insertedAt() {
            return createdAt.plus(INSERTING_FOR);
        }

        /** When its last message is sent: every status is final from then on. */
        Instant finalAt() {
            return messages.get(messages.size() - 1).sendAt();
        }
    }

    /** A reply (MO) to a sent SMS. */
    public record Mo(long receivedId, long campaignId, String campaignName, long messageId, String cellphone,
                     String message, String response, Instant sentAt, Instant receivedAt) {
    }

    private record VoiceCall(long id, String cellphone) {
    }

    private record Voice(long id, String name, int type, String text, Integer audio, String remittent,
                         String transferNum, Integer transferKey, Instant start, List<VoiceCall> calls,
                         boolean cancelled) {
    }

    private volatile String token = DEFAULT_TOKEN;
    private volatile boolean flatUser;
    private volatile boolean documentedResults;
    private volatile URI moWebhook;
    private volatile URI keywordWebhook;
    private double balance = DEFAULT_BALANCE;
    private final List<Route> routes = List.of(
            new Route(87, "Premium 2 Masiva", 1, PRICE, "74342"),
            new Route(85, "Premium 1 Masiva", 1, PRICE, "74342"),
            new Route(77, "Mixta 1 Masiva", 1, PRICE, "74342, Long Code"),
            new Route(201, "USA Long Code", 2, PRICE, "Long Code"));
    private final Map<Integer, String> countries = Map.of(1, "Mexico", 2, "USA");
    private final Set<String> failing = new HashSet<>();
    private final Map<Long, Campaign> campaigns = new LinkedHashMap<>();
    private final Set<Long> repliedCampaigns = new HashSet<>();
    /** Campaigns whose final statuses a client has read: forgotten first when the sandbox holds too many. */
    private final Set<Long> readFinal = new HashSet<>();
    private int retainedMessages;
    private volatile String autoReply;
    private final Deque<Mo> mos = new ArrayDeque<>();
    private final Map<Long, Voice> voices = new LinkedHashMap<>();
    private final List<JsonNode> emails = new ArrayList<>();
    private final Deque<Request> requests = new ArrayDeque<>();
    private final AtomicLong campaignIds = new AtomicLong(11_060_000);
    private final AtomicLong messageIds = new AtomicLong(46_608_000);
    private final AtomicLong receivedIds = new AtomicLong(977_900);
    private final AtomicLong voiceIds = new AtomicLong(481_700);
    private final AtomicLong emailIds = new AtomicLong(28_600);
    private final AtomicLong recipientsAccepted = new AtomicLong();

    public SmsCloudsSimulator(SandboxClock clock) {
        super(clock);
    }

    @Override
    public String provider() {
        return "smsclouds";
    }

    @Override
    public List<String> paths() {
        return List.of("/api/v1/", "/api/v3/");
    }

    // ---- what a test sets and reads ----------------------------------------------------------------------------

    public SmsCloudsSimulator token(String token) {
        this.token = token;
        return this;
    }

    /** Answer {@code /api/v1/user} in the flat shape public clients see instead of the document's data wrapper. */
    public SmsCloudsSimulator flatUser(boolean flat) {
        this.flatUser = flat;
        return this;
    }

    /**
     * Answer {@code responses} with exactly the fields of the document's example (no {@code cellphone}) instead of
     * the sandbox's own shape, which adds the cellphone.
     */
    public SmsCloudsSimulator documentedResults(boolean documented) {
        this.documentedResults = documented;
        return this;
    }

    /** Messages to this cellphone (10 digits) fail; HLR reports it inactive. */
    public synchronized SmsCloudsSimulator failNumber(String cellphone) {
        failing.add(cellphone);
        return this;
    }

    /** Where MOs are pushed (GET response, cellphone, message_id, date); null pushes nothing. */
    public SmsCloudsSimulator moWebhook(String url) {
        this.moWebhook = url == null ? null : URI.create(url);
        return this;
    }

    /** Where keyword requests are sent (GET response, cellphone, keyword, date). */
    public SmsCloudsSimulator keywordWebhook(String url) {
        this.keywordWebhook = url == null ? null : URI.create(url);
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Campaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    public synchronized List<Mo> mos() {
        return List.copyOf(mos);
    }

    public synchronized List<JsonNode> emails() {
        return List.copyOf(emails);
    }

    public long recipientsAccepted() {
        return recipientsAccepted.get();
    }

    public synchronized double balance() {
        return balance;
    }

    /**
     * The cellphone replies to the last SMS it was sent: the MO is stored for {@code /api/v3/responses} and, with a
     * {@link #moWebhook}, pushed there. Returns the platform's view of the client's answer (null without a webhook).
     */
    /**
     * With {@link #autoReply}, the first handset of each campaign answers once its message is sent: stored as an MO
     * (seen by {@code responses}) and pushed to the MO webhook. The autopilot calls this.
     */
    @Override
    public void tick() {
        String text = autoReply;
        if (text == null) {
            return;
        }
        List<String> handsets = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Campaign campaign : campaigns.values()) {
                if (repliedCampaigns.contains(campaign.id())) {
                    continue;
                }
                campaign.messages().stream()
                        .filter(m -> !m.sendAt().isAfter(now) && !failing.contains(m.cellphone()))
                        .findFirst().ifPresent(m -> {
                            repliedCampaigns.add(campaign.id());
                            handsets.add(m.cellphone());
                        });
            }
        }
        handsets.forEach(cellphone -> mo(cellphone, text));
    }

    /** Makes one handset per campaign answer {@code text} once its message is sent (null: no replies). */
    public SmsCloudsSimulator autoReply(String text) {
        this.autoReply = text;
        return this;
    }

    public WebhookPush.Answer mo(String cellphone, String response) {
        Mo mo;
        synchronized (this) {
            Instant now = clock.instant();
            Campaign campaign = null;
            Sms sms = null;
            for (Campaign c : campaigns.values()) {
                for (Sms s : c.messages()) {
                    if (s.cellphone().equals(cellphone) && !s.sendAt().isAfter(now) && !failing.contains(cellphone)) {
                        campaign = c;
                        sms = s;
                    }
                }
            }
            if (sms == null) {
                throw new IllegalStateException("no SMS was sent to " + cellphone + " yet (advance the sandbox clock)");
            }
            mo = new Mo(receivedIds.incrementAndGet(), campaign.id(), campaign.name(), sms.id(), cellphone, sms.text(),
                    response, sms.sendAt(), now);
            mos.add(mo);
            if (mos.size() > MOS_KEPT) {
                mos.poll();
            }
        }
        URI url = moWebhook;
        return url == null ? null : WebhookPush.get(withQuery(url, Map.of("response", response,
                "cellphone", cellphone, "message_id", String.valueOf(mo.messageId()), "date", format(mo.receivedAt()))));
    }

    /** A handset sent {@code keyword ...}: the platform asks the keyword URL for the auto-response. */
    public WebhookPush.Answer keywordRequest(String cellphone, String keyword, String response) {
        URI url = keywordWebhook;
        if (url == null) {
            throw new IllegalStateException("no keyword URL configured (keywordWebhook)");
        }
        return WebhookPush.get(withQuery(url, Map.of("response", response, "cellphone", cellphone,
                "keyword", keyword, "date", format(clock.instant()))));
    }

    private static URI withQuery(URI url, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        new java.util.TreeMap<>(params).forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
                .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = url.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    @Override
    public synchronized void reset() {
        super.reset();
        token = DEFAULT_TOKEN;
        flatUser = false;
        documentedResults = false;
        moWebhook = null;
        keywordWebhook = null;
        balance = DEFAULT_BALANCE;
        failing.clear();
        campaigns.clear();
        repliedCampaigns.clear();
        readFinal.clear();
        retainedMessages = 0;
        autoReply = null;
        mos.clear();
        voices.clear();
        emails.clear();
        requests.clear();
        recipientsAccepted.set(0);
    }

    // ---- serving ----------------------------------------------------------------------------------------------

    /** A documented error: the status and {@code error.information}. */
    private static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String information) {
            super(information, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void serve(HttpExchange exchange, Fault fault) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] raw = readBody(exchange);
        String body = new String(raw, StandardCharsets.UTF_8);
        remember(new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                body));
        exchange.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(RATE_LIMIT));
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(RATE_LIMIT - 1));
        try {
            if (fault != null) {
                int status = Integer.parseInt(fault.providerCode());
                if (status == 429) {
                    exchange.getResponseHeaders().set("Retry-After", "0");
                }
                throw new ApiError(status, "Sandbox fault " + status);
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                throw new ApiError(401, "Unauthenticated.");
            }
            if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type")) && !path.startsWith(USER_V1_PATH)) {
                throw new ApiError(400, "Content-Type: application/json is required");
            }
            respondJson(exchange, 200, route(method, path, body));
        } catch (ApiError e) {
            ObjectNode error = NODES.objectNode();
            error.putObject("error").put("information", e.getMessage()).put("status_code", e.status);
            respondJson(exchange, e.status, error);
        }
    }

    /**
     * The document lists {@code Content-Type: application/json} among the headers of every call but User
     * Credentials, whose section names only Authorization and Accept.
     */
    private static boolean isJson(String contentType) {
        return contentType != null && contentType.split(";")[0].strip().equalsIgnoreCase("application/json");
    }

    private synchronized void remember(Request request) {
        if (requests.size() == KEPT_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    private Object route(String method, String path, String body) {
        Matcher m;
        if ("GET".equals(method)) {
            if (path.equals("/api/v1/user")) {
                return user(!flatUser);
            }
            if (path.equals("/api/v3/user")) {
                return user(false);
            }
            if (path.equals("/api/v3/user/routes")) {
                return routes.stream().map(r -> Map.of("route", r.route(), "name", r.name(), "country",
                        countries.get(r.country()), "price", r.price(), "description", r.description())).toList();
            }
            if (path.equals("/api/v3/user/countries")) {
                return countries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> Map.of("country", e.getKey(), "name", e.getValue())).toList();
            }
            if ((m = CAMPAIGN_MESSAGES.matcher(path)).matches()) {
                return campaignMessages(Long.parseLong(m.group(1)));
            }
            if ((m = VOICE_ID.matcher(path)).matches()) {
                return voiceStatus(Long.parseLong(m.group(1)));
            }
            if ((m = HLR.matcher(path)).matches()) {
                return hlr(m.group(1));
            }
        } else if ("POST".equals(method)) {
            if (path.equals("/api/v3/campaign")) {
                return campaign(json(body), false);
            }
            if (SMS_CLIC_PATHS.contains(path)) {
                return campaign(json(body), true);
            }
            if (RESPONSES_PATHS.contains(path)) {
                return responses(json(body));
            }
            if (path.equals("/api/v1/email")) {
                return email(json(body));
            }
            if (path.equals("/api/v3/voice")) {
                return voice(json(body));
            }
            if ((m = VOICE_CANCEL.matcher(path)).matches()) {
                return voiceCancel(Long.parseLong(m.group(1)));
            }
        }
        throw new ApiError(404, "Not Found");
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = body.isBlank() ? null : Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiError(400, "You probably forgot to add the json to your request");
            }
            return node;
        } catch (IOException e) {
            throw new ApiError(400, "You probably forgot to add the json to your request");
        }
    }

    private static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.atZone(ZONE));
    }

    private static Instant parse(String text, String field) {
        try {
            return LocalDateTime.parse(text, FORMAT).atZone(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiError(422, "El campo " + field + " no corresponde con el formato Y-m-d H:i:s.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiError required(String field) {
        return new ApiError(422, "El campo " + field + " es obligatorio.");
    }

    private synchronized Map<String, Object> user(boolean wrapped) {
        Map<String, Object> user = new LinkedHashMap<>();
        if (wrapped) {
            user.put("information", "User Found");
            user.put("user", USER);
            user.put("name", "Sandbox");
            user.put("surname", "User");
            user.put("credit", balance);
            user.put("API_settings", List.of(Map.of("name", "sandbox", "creation", "2024-01-01 00:00:00",
                    "expires", "2099-01-01 00:00:00")));
            return Map.of("data", user);
        }
        user.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        user.put("email", USER);
        user.put("name", "Sandbox");
        user.put("surname", "User");
        user.put("company", "camel-sms");
        user.put("cellphone", "4499157710");
        user.put("credit", balance);
        return user;
    }

    // ---- SMS campaigns ------------------------------------------------------------------------------------------

    private synchronized Map<String, Object> campaign(JsonNode body, boolean clic) {
        String text = text(body, "text");
        if (text == null || text.isEmpty()) {
            throw required("text");
        }
        boolean encode = body.path("encode").asBoolean(false);
        boolean encode2 = body.path("encode_2").asBoolean(false);
        boolean encode3 = body.path("encode_3").asBoolean(false);
        boolean longMessage = body.path("long_message").asBoolean(false);
        int limit = SmscloudsLimits.textLimit(encode, encode2, encode3, longMessage);
        if (text.length() > limit) {
            throw new ApiError(422, "El campo text debe contener entre 1 y " + limit + " caracteres.");
        }
        if (!encode && !encode2 && !encode3 && SmscloudsLimits.firstSpecialCharacter(text) >= 0) {
            // the document: set encode "to send your messages with accents and some other characters"
            throw new ApiError(422, "El campo text contiene acentos o caracteres especiales: use encode.");
        }
        JsonNode recipients = body.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            throw required("recipients");
        }
        if (recipients.size() > SmscloudsLimits.MAX_RECIPIENTS) {
            throw new ApiError(422, "El campo recipients no debe tener mas de " + SmscloudsLimits.MAX_RECIPIENTS
                                    + " elementos.");
        }
        for (String field : COMBINATION) {
            long with = 0;
            for (JsonNode r : recipients) {
                with += r.has(field) ? 1 : 0;
            }
            if (with != 0 && with != recipients.size()) {
                throw new ApiError(422, "Las combinaciones deben tener la misma longitud que los celulares ("
                                        + field + ").");
            }
        }
        Integer routeId = body.hasNonNull("route") ? body.get("route").asInt() : null;
        Integer countryId = body.hasNonNull("country") ? body.get("country").asInt() : null;
        if (routeId == null && (clic || countryId == null)) {
            throw new ApiError(422, "El campo route es obligatorio cuando country no esta presente.");
        }
        if (countryId == null && !clic && routeId == null) {
            throw new ApiError(422, "El campo country es obligatorio cuando route no esta presente.");
        }
        Route route = routeId == null ? routes.stream().filter(r -> r.country() == countryId).findFirst().orElse(null)
                : routes.stream().filter(r -> r.route() == routeId).findFirst().orElse(null);
        if (route == null || (countryId != null && !countries.containsKey(countryId))) {
            throw new ApiError(422, "El route / country seleccionado es invalido.");
        }
        String url = text(body, "url");
        if (clic && url == null) {
            throw required("url");
        }
        if (clic && !SHORT_URLS.contains(url)) {
            throw new ApiError(422, "El campo url seleccionado es invalido.");
        }
        String scheduled = text(body, "scheduled_date");
        Instant scheduledAt = scheduled == null ? null : parse(scheduled, "scheduled_date");
        Instant now = clock.instant();
        Instant sendingStart = now.plus(INSERTING_FOR);
        if (scheduledAt != null && scheduledAt.isAfter(sendingStart)) {
            sendingStart = scheduledAt;
        }
        List<Sms> messages = new ArrayList<>(recipients.size());
        int n = recipients.size();
        for (int i = 0; i < n; i++) {
            JsonNode r = recipients.get(i);
            String cellphone = r.path("cellphone").asText("");
            if (!TEN_DIGITS.matcher(cellphone).matches()) {
                throw new ApiError(422, "El campo recipients." + i + ".cellphone debe tener 10 digitos.");
            }
            String received = combine(text, r);
            if (!encode && !encode2 && !encode3 && SmscloudsLimits.firstSpecialCharacter(received) >= 0) {
                throw new ApiError(422, "El campo recipients." + i + " contiene acentos o caracteres especiales:"
                                        + " use encode.");
            }
            messages.add(new Sms(messageIds.incrementAndGet(), cellphone, received,
                    sendingStart.plus(SENDING_FOR.multipliedBy(i + 1).dividedBy(n))));
        }
        double cost = PRICE * n * (longMessage ? 2 : 1);
        if (cost > balance) {
            throw new ApiError(422, "Saldo insuficiente.");
        }
        balance -= cost;
        long id = campaignIds.incrementAndGet();
        String name = text(body, "campaign_name");
        String country = countries.get(countryId != null ? countryId : route.country());
        campaigns.put(id, new Campaign(id, name, text, route, country, url, now, scheduledAt, messages));
        retainedMessages += n;
        forgetOldCampaigns(now);
        recipientsAccepted.addAndGet(n);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("campaign", id);
        reply.put("campaign_name", name);
        reply.put("route", route.name());
        reply.put("country", country);
        reply.put("scheduled_date", scheduled);
        reply.put("recipients_count", n);
        reply.put("encode", encode);
        reply.put("long_message", longMessage);
        reply.put("balance", balance);
        reply.put("token_expires", "2099-01-01 00:00:00");
        return reply;
    }

    /** The retention: final campaigns past {@link #RETENTION}, and beyond the count those already read. */
    private void forgetOldCampaigns(Instant now) {
        Instant horizon = now.minus(RETENTION);
        for (Iterator<Campaign> it = campaigns.values().iterator(); it.hasNext(); ) {
            Campaign campaign = it.next();
            boolean expired = campaign.finalAt().isBefore(horizon);
            boolean readBeyondCount = retainedMessages > RETAINED_MESSAGES && readFinal.contains(campaign.id());
            if (expired || readBeyondCount) {
                it.remove();
                readFinal.remove(campaign.id());
                repliedCampaigns.remove(campaign.id());
                retainedMessages -= campaign.messages().size();
            }
        }
        while (!mos.isEmpty() && mos.peekFirst().receivedAt().isBefore(horizon)) {
            mos.poll();
        }
    }

    /** The text the recipient's handset receives, with its combination fields in place of the placeholders. */
    private static String combine(String text, JsonNode recipient) {
        try {
            return Json.MAPPER.treeToValue(recipient, CampaignRecipient.class).fill(text);
        } catch (IOException e) {
            throw new ApiError(422, "El campo recipients no es valido.");
        }
    }

    private synchronized Map<String, Object> campaignMessages(long id) {
        Campaign campaign = campaigns.get(id);
        if (campaign == null) {
            throw new ApiError(404, "Campaign not found");
        }
        Instant now = clock.instant();
        boolean inserting = now.isBefore(campaign.insertedAt());
        List<Map<String, Object>> data = new ArrayList<>();
        int sent = 0;
        if (!inserting) {
            for (Sms sms : campaign.messages()) {
                boolean done = !sms.sendAt().isAfter(now);
                sent += done ? 1 : 0;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", sms.id());
                m.put("cellphone", sms.cellphone());
                m.put("status", !done ? "in progress" : failing.contains(sms.cellphone()) ? "failed" : "sent");
                m.put("sent_date", done ? format(sms.sendAt()) : null);
                m.put("text", sms.text());
                data.add(m);
            }
        }
        if (sent == campaign.messages().size()) {
            readFinal.add(id);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("campaign", id);
        reply.put("name", campaign.name());
        reply.put("campaign_status", inserting ? "inserting" : "inserted");
        reply.put("scheduled_date", format(campaign.scheduledAt() != null ? campaign.scheduledAt()
                : campaign.createdAt()));
        reply.put("recipients_count", campaign.messages().size());
        reply.put("percentage", sent * 100 / campaign.messages().size());
        reply.put("balance", balance);
        reply.put("data", data);
        return reply;
    }

    // ---- responses (MO) -----------------------------------------------------------------------------------------

    private synchronized Map<String, Object> responses(JsonNode body) {
        int type = body.path("type").asInt(0);
        Instant now = clock.instant();
        Instant from = Instant.EPOCH;
        Instant to = now;
        List<Mo> results = new ArrayList<>();
        switch (type) {
            case 1 -> {
                String fromText = text(body, "from");
                String toText = text(body, "to");
                from = fromText == null ? from : parse(fromText, "from");
                to = toText == null ? to : parse(toText, "to");
                for (Mo mo : mos) {
                    if (!mo.receivedAt().isBefore(from) && !mo.receivedAt().isAfter(to)) {
                        results.add(mo);
                    }
                }
            }
            case 2 -> {
                // the prose says messages, the parameter table message
                Set<Long> ids = ids(body, body.has("messages") || !body.has("message") ? "messages" : "message");
                mos.stream().filter(mo -> ids.contains(mo.messageId())).forEach(results::add);
            }
            case 3 -> {
                String cellphone = text(body, "cellphone");
                if (cellphone == null) {
                    throw required("cellphone");
                }
                mos.stream().filter(mo -> mo.cellphone().equals(cellphone)).forEach(results::add);
            }
            case 4 -> {
                Set<Long> ids = ids(body, "campaigns");
                mos.stream().filter(mo -> ids.contains(mo.campaignId())).forEach(results::add);
            }
            default -> throw new ApiError(422, "El campo type seleccionado es invalido.");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("type", String.valueOf(type));
        reply.put("from", format(from));
        reply.put("to", format(to));
        reply.put("results", results.stream().filter(mo -> !mo.receivedAt().isAfter(now)).map(mo -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("received_id", mo.receivedId());
            r.put("campaign_id", mo.campaignId());
            r.put("campaign_name", mo.campaignName());
            r.put("message_id", mo.messageId());
            if (!documentedResults) {
                r.put("cellphone", mo.cellphone());
            }
            r.put("message", mo.message());
            r.put("response", mo.response());
            r.put("sent_at", format(mo.sentAt()));
            r.put("received_at", format(mo.receivedAt()));
            return r;
        }).toList());
        return reply;
    }

    private static Set<Long> ids(JsonNode body, String field) {
        JsonNode ids = body.get(field);
        if (ids == null || ids.isNull()) {
            throw required(field);
        }
        Set<Long> result = new HashSet<>();
        if (ids.isArray()) {
            ids.forEach(id -> result.add(id.asLong()));
        } else {
            result.add(ids.asLong());
        }
        return result;
    }

    // ---- email, voice, HLR --------------------------------------------------------------------------------------

    private synchronized Map<String, Object> email(JsonNode body) {
        int template = body.path("template").asInt(2);
        if (template < 1 || template > 4) {
            throw new ApiError(422, "El campo template seleccionado es invalido.");
        }
        if (text(body, "subject") == null) {
            throw required("subject");
        }
        if (template == 3 ? text(body, "image") == null : text(body, "body") == null) {
            throw required(template == 3 ? "image" : "body");
        }
        JsonNode recipients = body.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            throw required("recipients");
        }
        for (int i = 0; i < recipients.size(); i++) {
            if (!recipients.get(i).path("email").asText("").contains("@")) {
                throw new ApiError(422, "El campo recipients." + i + ".email debe ser un correo valido.");
            }
        }
        emails.add(body);
        return Map.of("message", "New Email Campaign created successfully", "email_campaign_id",
                emailIds.incrementAndGet());
    }

    private synchronized Map<String, Object> voice(JsonNode body) {
        int type = body.path("type").asInt(0);
        if (type != 1 && type != 2) {
            throw new ApiError(422, "El campo type seleccionado es invalido.");
        }
        Integer audio = body.hasNonNull("audio") ? body.get("audio").asInt() : null;
        if (type == 1 && (audio == null || !AUDIOS.contains(audio))) {
            throw new ApiError(422, "El campo audio es obligatorio cuando type es 1.");
        }
        if (type == 2 && text(body, "text") == null) {
            throw new ApiError(422, "El campo text es obligatorio cuando type es 2.");
        }
        for (String field : List.of("campaign_name", "remittent")) {
            if (text(body, field) == null) {
                throw required(field);
            }
        }
        if (text(body, "transfer_num") != null && !body.hasNonNull("transfer_key")) {
            throw new ApiError(422, "El campo transfer key es obligatorio cuando transfer num esta presente.");
        }
        JsonNode recipients = body.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            throw required("recipients");
        }
        List<VoiceCall> calls = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            String cellphone = recipients.get(i).path("cellphone").asText("");
            if (!TEN_DIGITS.matcher(cellphone).matches()) {
                throw new ApiError(422, "El campo recipients." + i + ".cellphone debe tener 10 digitos.");
            }
            calls.add(new VoiceCall(messageIds.incrementAndGet(), cellphone));
        }
        String scheduled = text(body, "scheduledDate");
        Instant start = scheduled == null ? clock.instant() : parse(scheduled, "scheduledDate");
        long id = voiceIds.incrementAndGet();
        Voice voice = new Voice(id, text(body, "campaign_name"), type, text(body, "text"), audio,
                text(body, "remittent"), text(body, "transfer_num"),
                body.hasNonNull("transfer_key") ? body.get("transfer_key").asInt() : null, start, calls, false);
        voices.put(id, voice);
        balance -= PRICE * calls.size();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("voice_campaign", id);
        reply.put("name", voice.name());
        reply.put("type", type == 1 ? "audio" : "text");
        reply.put("country", "Mexico");
        reply.put("scheduled_date", format(start));
        reply.put("recipients_count", calls.size());
        reply.put("status", "TO_SEND");
        reply.put("balance", balance);
        return reply;
    }

    private int voiceStatusCode(Voice voice, String cellphone, Instant now) {
        if (voice.cancelled()) {
            return 3;
        }
        Instant processing = voice.start().plus(VOICE_QUEUED_FOR);
        if (now.isBefore(processing)) {
            return 0;
        }
        if (now.isBefore(processing.plus(VOICE_CALLING_FOR))) {
            return 1;
        }
        return failing.contains(cellphone) ? 3 : 2;
    }

    private synchronized Map<String, Object> voiceStatus(long id) {
        Voice voice = voices.get(id);
        if (voice == null) {
            throw new ApiError(404, "Voice campaign not found");
        }
        Instant now = clock.instant();
        List<Map<String, Object>> calls = new ArrayList<>();
        int processed = 0;
        for (VoiceCall call : voice.calls()) {
            int status = voiceStatusCode(voice, call.cellphone(), now);
            processed += status >= 2 ? 1 : 0;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("voice_message", call.id());
            c.put("cellphone", call.cellphone());
            c.put("sent_date", status >= 2 && !voice.cancelled() ? format(voice.start().plus(VOICE_QUEUED_FOR)
                    .plus(VOICE_CALLING_FOR)) : null);
            c.put("voice_message_status", status);
            calls.add(c);
        }
        int first = voiceStatusCode(voice, voice.calls().get(0).cellphone(), now);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("voice_campaign", id);
        reply.put("name", voice.name());
        reply.put("type", voice.type() == 1 ? "audio" : "text");
        reply.put("country", "Mexico");
        reply.put("text", voice.text());
        reply.put("audio", voice.audio());
        reply.put("scheduled_date", format(voice.start()));
        reply.put("recipients_count", voice.calls().size());
        reply.put("recipients_processed", processed);
        reply.put("remittent", voice.remittent());
        reply.put("transfer_num", voice.transferNum());
        reply.put("transfer_key", voice.transferKey());
        reply.put("status", voice.cancelled() ? "CANCELLED" : first == 0 ? "TO_SEND" : first == 1 ? "PROCESSING"
                : "COMPLETED");
        reply.put("voice_messages", calls);
        return reply;
    }

    private synchronized Map<String, Object> voiceCancel(long id) {
        Voice voice = voices.get(id);
        if (voice == null) {
            throw new ApiError(404, "Voice campaign not found");
        }
        if (voice.cancelled() || voiceStatusCode(voice, voice.calls().get(0).cellphone(), clock.instant()) != 0) {
            throw new ApiError(422, "Only a queued (status 0) campaign can be cancelled.");
        }
        Voice cancelled = new Voice(voice.id(), voice.name(), voice.type(), voice.text(), voice.audio(),
                voice.remittent(), voice.transferNum(), voice.transferKey(), voice.start(), voice.calls(), true);
        voices.put(id, cancelled);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("voice_campaign", id);
        reply.put("name", voice.name());
        reply.put("status", "CANCELLED");
        reply.put("scheduled_date", format(voice.start()));
        return reply;
    }

    private synchronized ObjectNode hlr(String number) {
        if (!TEN_DIGITS.matcher(number).matches()) {
            throw new ApiError(422, "El numero debe tener 10 digitos, sin codigo de pais.");
        }
        ObjectNode reply = NODES.objectNode();
        reply.put("message", SmscloudsLimits.SUCCESS_MESSAGE);
        reply.put("number", number);
        reply.put("carrier", "TELCEL");
        reply.put("type", "mobile");
        reply.put("status", failing.contains(number) ? "inactive" : "active");
        ArrayNode checked = reply.putArray("checked_at");
        checked.add(format(clock.instant()));
        return reply;
    }
}
