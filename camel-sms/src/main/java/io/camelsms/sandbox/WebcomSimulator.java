package io.camelsms.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import io.camelsms.core.Json;
import io.camelsms.core.SmsText;
import io.camelsms.webcom.model.WebcomBalance;
import io.camelsms.webcom.model.WebcomError;
import io.camelsms.webcom.model.WebcomMessage;
import io.camelsms.webcom.model.WebcomPhone;
import io.camelsms.webcom.model.WebcomStateValue;

/**
 * The Webcom Mobi JSON API: {@code POST /json} (send), {@code /json/state.php} (status) and
 * {@code /json/balance.php} (balance), with the document's error texts at the document's HTTP status.
 * <p>
 * A send is checked in this order: a body (POST data is missing), JSON with a {@code message} array of objects
 * (Incorrect JSON document format), the credentials (token, or login and password), the account state (locked,
 * blocked, out of SMS), then every {@code message} entry: sender present, short enough, registered and moderated,
 * text present and not refused by the moderator; one bad entry refuses the whole request with HTTP 400. Then each
 * phone on its own: present, under 15 characters, not on the stop list, not in a closed destination; a bad phone
 * gets its {@code error} in {@code information} and the others are sent. A {@code client_id_sms} seen before is not
 * sent again: its earlier {@code id_sms} is returned and it is not counted.
 * <p>
 * States follow the {@link SandboxClock}: {@code send} until {@link #deliverAfter(Duration)} has passed, then
 * {@code deliver} ({@code read} for Viber), or the outcome set for the phone, or {@code expired} when the
 * {@code validity_period} ran out first. Dates are Moscow time, as the platform writes them. With a webhook URL
 * set, {@link #push()} posts every changed state; ids the client does not echo back are posted again on the next
 * push, at most {@value #MAX_PUSH_ATTEMPTS} times; at most {@value #PUSH_BATCH} states per POST, up to
 * {@value #PUSH_THREADS} POSTs at once, at most {@value #PUSH_ROUND} states per push (the oldest; the others in the
 * next). Pushes are made
 * by {@link #tick()} (the autopilot's thread), never by a request. Retention: settled messages are forgotten after
 * {@link #RETENTION} or beyond {@value #MESSAGES_KEPT} messages, oldest first.
 */
public final class WebcomSimulator extends ProviderSimulator {

    public static final String SEND_PATH = "/json";
    public static final String STATUS_PATH = "/json/state.php";
    public static final String BALANCE_PATH = "/json/balance.php";
    public static final String DEFAULT_LOGIN = "sandbox";
    public static final String DEFAULT_PASSWORD = "sandbox-password";
    public static final String DEFAULT_TOKEN = "sandbox-token";
    public static final Duration DEFAULT_DELIVER_AFTER = Duration.ofSeconds(30);
    /** The platform re-sends a state the client did not acknowledge, up to 5 attempts in all. */
    public static final int MAX_PUSH_ATTEMPTS = 5;
    /** Retention of settled messages, by the sandbox clock and by count (see forgetOldMessages). */
    public static final Duration RETENTION = Duration.ofDays(7);
    public static final int MESSAGES_KEPT = 200_000;
    /** States per webhook POST: a campaign's worth of changes goes in several bodies, not one huge one. */
    public static final int PUSH_BATCH = 1_000;
    /** At most this many POSTs of one push are in flight at once, as a platform's senders would make them. */
    static final int PUSH_THREADS = 4;
    /** States per push at most, oldest first; the rest go in the next (a push builds every state it posts first). */
    public static final int PUSH_ROUND = 16 * PUSH_BATCH;
    /** {@link #pushes()} keeps the last this many bodies (up to {@value #PUSH_BATCH} states, some 70 KB, each). */
    public static final int PUSHES_KEPT = 100;
    /** {@link #statusRequests()} keeps the last this many calls. */
    public static final int STATUS_REQUESTS_KEPT = 1_000;
    public static final BigDecimal PRICE_PER_PART = new BigDecimal("2.50");
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Europe/Moscow");
    private static final long FIRST_ID_SMS = 82216;
    private static final int KEPT_REQUESTS = 20;

    /** The account's state, for the locked / blocked / out-of-SMS answers. */
    public enum AccountState { ACTIVE, LOCKED, BLOCKED, OUT_OF_SMS }

    /** One message the sandbox accepted. */
    public record Accepted(long idSms, String clientIdSms, String typeSend, String sender, String text, String phone,
                           String validityPeriod, Instant acceptedAt) {
    }

    /** One request as received: path, Content-Type header and body. */
    public record Request(String path, String contentType, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** A state the client has not acknowledged yet, and how often it was pushed. */
    private static final class Pending {
        String state;
        int attempts;
    }

    private String login;
    private String password;
    private String token;
    private AccountState accountState;
    private Set<String> registeredSenders;
    private final Set<String> unmoderatedSenders = new HashSet<>();
    private final Set<String> stopList = new HashSet<>();
    private final Set<String> closedPrefixes = new HashSet<>();
    private final Set<String> refusedWords = new HashSet<>();
    private final Map<String, String> outcomes = new HashMap<>();
    private Duration deliverAfter;
    private int repliesToLose;
    private BigDecimal money;
    private String currency;
    private List<WebcomBalance.Area> areas;
    private URI webhookUrl;
    private final Map<String, Accepted> byClientId = new HashMap<>();
    private final Map<Long, Accepted> byIdSms = new LinkedHashMap<>();
    private final Map<Long, String> acknowledged = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    /**
     * Messages whose final state is not acknowledged (nor given up on) yet, in the order they were accepted, which is
     * the order they settle in (one delay for all): a push looks at these, and stops at the first still in "send".
     */
    private final Deque<Accepted> toPush = new ArrayDeque<>();
    private final Deque<String> pushes = new ArrayDeque<>();
    private final Deque<Request> lastRequests = new ArrayDeque<>();
    private final Deque<List<Long>> statusRequests = new ArrayDeque<>();
    private long nextIdSms;
    private ExecutorService pushThreads;

    public WebcomSimulator(SandboxClock clock) {
        super(clock);
        defaults();
    }

    private void defaults() {
        login = DEFAULT_LOGIN;
        password = DEFAULT_PASSWORD;
        token = DEFAULT_TOKEN;
        accountState = AccountState.ACTIVE;
        registeredSenders = null;
        unmoderatedSenders.clear();
        stopList.clear();
        closedPrefixes.clear();
        refusedWords.clear();
        outcomes.clear();
        deliverAfter = DEFAULT_DELIVER_AFTER;
        repliesToLose = 0;
        money = new BigDecimal("19023.9");
        currency = "RUR";
        areas = List.of(new WebcomBalance.Area("sms", "Russia", WebcomBalance.SmsCount.unlimited()),
                new WebcomBalance.Area("viber", "Russia", new WebcomBalance.SmsCount(1200L)));
        webhookUrl = null;
        byClientId.clear();
        byIdSms.clear();
        acknowledged.clear();
        pending.clear();
        toPush.clear();
        pushes.clear();
        lastRequests.clear();
        statusRequests.clear();
        nextIdSms = FIRST_ID_SMS;
    }

    @Override
    public String provider() {
        return "webcom";
    }

    @Override
    public List<String> paths() {
        return List.of(SEND_PATH);
    }

    @Override
    public synchronized void reset() {
        super.reset();
        defaults();
    }

    // ---- configuration

    public synchronized WebcomSimulator account(String login, String password, String token) {
        this.login = login;
        this.password = password;
        this.token = token;
        return this;
    }

    public synchronized WebcomSimulator accountState(AccountState state) {
        this.accountState = state;
        return this;
    }

    /** Only these senders exist (others get "There is no such sender"); by default every sender exists. */
    public synchronized WebcomSimulator registeredSenders(String... senders) {
        this.registeredSenders = new HashSet<>(List.of(senders));
        return this;
    }

    public synchronized WebcomSimulator unmoderatedSender(String sender) {
        unmoderatedSenders.add(sender);
        return this;
    }

    public synchronized WebcomSimulator stopList(String... phones) {
        stopList.addAll(List.of(phones));
        return this;
    }

    /** Phones starting with these digits get "This destination is closed for you". */
    public synchronized WebcomSimulator closeDestination(String prefix) {
        closedPrefixes.add(prefix);
        return this;
    }

    /** Texts containing this word get "SMS text rejected by moderator". */
    public synchronized WebcomSimulator moderatorRefuses(String word) {
        refusedWords.add(word);
        return this;
    }

    /** The final state a phone reaches ({@code not_deliver}, {@code expired}, {@code partly_deliver}, ...). */
    public synchronized WebcomSimulator outcome(String phone, String state) {
        outcomes.put(phone, state);
        return this;
    }

    public synchronized WebcomSimulator deliverAfter(Duration delay) {
        this.deliverAfter = delay;
        return this;
    }

    /** Serves the next {@code sends} sends normally, then answers HTTP 503: the reply is lost, the send happened. */
    public synchronized WebcomSimulator loseRepliesAfterAccepting(int sends) {
        this.repliesToLose = sends;
        return this;
    }

    public synchronized WebcomSimulator balance(BigDecimal money, String currency, List<WebcomBalance.Area> areas) {
        this.money = money;
        this.currency = currency;
        this.areas = List.copyOf(areas);
        return this;
    }

    /** Where {@link #push()} posts state changes, as the platform's webhook setting. */
    public synchronized WebcomSimulator webhookUrl(URI url) {
        this.webhookUrl = url;
        return this;
    }

    // ---- what happened

    /** Every message sent, once each, oldest first. */
    public synchronized List<Accepted> accepted() {
        return List.copyOf(byIdSms.values());
    }

    public synchronized List<Request> lastRequests() {
        return List.copyOf(lastRequests);
    }

    /** The id_sms of the last {@value #STATUS_REQUESTS_KEPT} authorised state.php calls, one list per call, oldest first. */
    public synchronized List<List<Long>> statusRequests() {
        return List.copyOf(statusRequests);
    }

    /** The bodies of the last {@value #PUSHES_KEPT} webhook pushes, oldest first. */
    public synchronized List<String> pushes() {
        return List.copyOf(pushes);
    }

    /** The state of a message now. */
    public synchronized String stateOf(long idSms) {
        Accepted message = byIdSms.get(idSms);
        return message == null ? null : state(message, clock.instant());
    }

    // ---- serving

    @Override
    protected void serve(HttpExchange exchange, Fault fault) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "POST only");
            return;
        }
        byte[] body = readBody(exchange);
        remember(new Request(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(body, StandardCharsets.UTF_8)));
        if (fault != null) {
            WebcomError error = WebcomError.of(fault.providerCode());
            error(exchange, error != null ? error.httpStatus() : 400, fault.providerCode());
            return;
        }
        switch (path) {
            case SEND_PATH, SEND_PATH + "/" -> send(exchange, body);
            case STATUS_PATH -> status(exchange, body);
            case BALANCE_PATH -> balance(exchange, body);
            default -> respond(exchange, 404, "text/plain", "not found");
        }
    }

    private synchronized void remember(Request request) {
        if (lastRequests.size() == KEPT_REQUESTS) {
            lastRequests.removeFirst();
        }
        lastRequests.addLast(request);
    }

    private static void error(HttpExchange exchange, int status, String text) throws IOException {
        respondJson(exchange, status, Map.of("error", text));
    }

    private static void error(HttpExchange exchange, WebcomError error) throws IOException {
        error(exchange, error.httpStatus(), error.text());
    }

    /** The request as JSON after the body, format, credential and account checks, or null when answered. */
    private JsonNode authorised(HttpExchange exchange, byte[] body) throws IOException {
        if (body.length == 0) {
            error(exchange, WebcomError.NO_POST_DATA);
            return null;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            error(exchange, WebcomError.INVALID_JSON);
            return null;
        }
        String givenToken = root.path("token").asText("");
        boolean byToken = !givenToken.isEmpty() && givenToken.equals(token);
        boolean byLogin = root.path("login").asText("").equals(login)
                && root.path("password").asText("").equals(password);
        if (!byToken && !byLogin) {
            error(exchange, WebcomError.BAD_CREDENTIALS);
            return null;
        }
        switch (accountState) {
            case LOCKED -> error(exchange, WebcomError.ACCOUNT_LOCKED);
            case BLOCKED -> error(exchange, WebcomError.ACCOUNT_BLOCKED);
            case OUT_OF_SMS -> error(exchange, WebcomError.OUT_OF_SMS);
            default -> {
                return root;
            }
        }
        return null;
    }

    private void send(HttpExchange exchange, byte[] body) throws IOException {
        List<Object> information;
        boolean loseReply;
        synchronized (this) {
            JsonNode root = authorised(exchange, body);
            if (root == null) {
                return;
            }
            JsonNode groups = root.get("message");
            if (groups == null || !groups.isArray() || groups.isEmpty()) {
                error(exchange, WebcomError.INVALID_JSON);
                return;
            }
            for (JsonNode group : groups) {
                WebcomError refused = checkGroup(group);
                if (refused != null) {
                    error(exchange, refused);
                    return;
                }
            }
            information = new ArrayList<>();
            Instant now = clock.instant();
            for (JsonNode group : groups) {
                for (JsonNode phone : group.get("phones")) {
                    information.add(sendOne(group, phone, now));
                }
            }
            loseReply = repliesToLose > 0;
            if (loseReply) {
                repliesToLose--;
            }
        }
        if (loseReply) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        respondJson(exchange, 200, Map.of("information", information));
    }

    private WebcomError checkGroup(JsonNode group) {
        if (!group.isObject() || !group.path("phones").isArray()
                || !WebcomMessage.TYPES.contains(group.path("type_send_1").asText(""))) {
            return WebcomError.INVALID_JSON;
        }
        String sender = group.path("sender").asText("");
        String text = group.path("text").asText("");
        if (sender.isBlank()) {
            return WebcomError.NO_SENDER;
        }
        if (sender.length() > WebcomMessage.maxSenderLength(sender)) {
            return WebcomError.SENDER_TOO_LONG;
        }
        if (registeredSenders != null && !registeredSenders.contains(sender)) {
            return WebcomError.UNKNOWN_SENDER;
        }
        if (unmoderatedSenders.contains(sender)) {
            return WebcomError.SENDER_NOT_MODERATED;
        }
        if (text.isBlank()) {
            return WebcomError.NO_TEXT;
        }
        if (refusedWords.stream().anyMatch(text::contains)) {
            return WebcomError.TEXT_REJECTED;
        }
        return null;
    }

    private Object sendOne(JsonNode group, JsonNode entry, Instant now) {
        String phone = entry.path("phone").asText("");
        WebcomError refused = phone.isBlank() ? WebcomError.NO_PHONE
                : phone.length() > WebcomPhone.MAX_PHONE_LENGTH ? WebcomError.PHONE_TOO_LONG
                : stopList.contains(phone) ? WebcomError.STOP_LIST
                : closedPrefixes.stream().anyMatch(phone::startsWith) ? WebcomError.DESTINATION_CLOSED_FOR_YOU
                : null;
        if (refused != null) {
            return Map.of("error", refused.text());
        }
        String clientId = entry.path("client_id_sms").asText("");
        Accepted earlier = clientId.isEmpty() ? null : byClientId.get(clientId);
        if (earlier != null) {
            return Map.of("state", "send", "id_sms", earlier.idSms());
        }
        Accepted message = new Accepted(nextIdSms++, clientId.isEmpty() ? null : clientId,
                group.get("type_send_1").asText(), group.get("sender").asText(), group.get("text").asText(), phone,
                entry.hasNonNull("validity_period") ? entry.get("validity_period").asText() : null, now);
        byIdSms.put(message.idSms(), message);
        toPush.add(message);
        if (message.clientIdSms() != null) {
            byClientId.put(message.clientIdSms(), message);
        }
        forgetOldMessages(now);
        return Map.of("state", "send", "id_sms", message.idSms());
    }

    /**
     * The retention: the oldest messages whose final state was pushed and acknowledged (or no longer pushed) are
     * forgotten once accepted more than {@link #RETENTION} ago or beyond {@value #MESSAGES_KEPT} messages; their
     * status is then unknown to state.php and their client_id_sms may be used again.
     */
    private void forgetOldMessages(Instant now) {
        Instant horizon = now.minus(RETENTION);
        for (Iterator<Accepted> it = byIdSms.values().iterator(); it.hasNext(); ) {
            Accepted oldest = it.next();
            if (byIdSms.size() <= MESSAGES_KEPT && !oldest.acceptedAt().isBefore(horizon)) {
                return;
            }
            String state = state(oldest, now);
            Pending p = pending.get(oldest.idSms());
            boolean pushed = webhookUrl == null || state.equals(acknowledged.get(oldest.idSms()))
                    || (p != null && state.equals(p.state) && p.attempts >= MAX_PUSH_ATTEMPTS);
            if (WebcomStateValue.SEND.wire().equals(state) || !pushed) {
                return;
            }
            it.remove();
            if (toPush.peekFirst() == oldest) {
                toPush.pollFirst();
            }
            if (oldest.clientIdSms() != null) {
                byClientId.remove(oldest.clientIdSms(), oldest);
            }
            acknowledged.remove(oldest.idSms());
            pending.remove(oldest.idSms());
        }
    }

    private void status(HttpExchange exchange, byte[] body) throws IOException {
        List<Object> states = new ArrayList<>();
        synchronized (this) {
            JsonNode root = authorised(exchange, body);
            if (root == null) {
                return;
            }
            JsonNode ids = root.get("id_sms");
            if (ids == null || ids.isNull()) {
                error(exchange, WebcomError.INVALID_JSON);
                return;
            }
            boolean detail = root.path("detail").asInt(0) == 1;
            Instant now = clock.instant();
            List<Long> asked = new ArrayList<>();
            for (JsonNode id : ids.isArray() ? ids : List.of(ids)) {
                asked.add(id.asLong(-1));
            }
            statusRequests.add(List.copyOf(asked));
            if (statusRequests.size() > STATUS_REQUESTS_KEPT) {
                statusRequests.poll();
            }
            for (long id : asked) {
                Accepted message = byIdSms.get(id);
                if (message == null) {
                    continue;
                }
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("id_sms", message.idSms());
                state.put("time_change_state", format(changedAt(message, now)));
                state.put("state", state(message, now));
                if (detail) {
                    int parts = SmsText.of(message.text()).segments();
                    state.put("num_parts", parts);
                    state.put("price", PRICE_PER_PART.multiply(BigDecimal.valueOf(parts)));
                }
                states.add(state);
            }
        }
        respondJson(exchange, 200, states);
    }

    private void balance(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, Object> reply = new LinkedHashMap<>();
        synchronized (this) {
            if (authorised(exchange, body) == null) {
                return;
            }
            reply.put("money", money.toPlainString());
            reply.put("currency", currency);
            reply.put("information", areas);
        }
        respondJson(exchange, 200, reply);
    }

    // ---- state progression

    private Instant settlesAt(Accepted message) {
        return message.acceptedAt().plus(deliverAfter);
    }

    private String state(Accepted message, Instant now) {
        if (now.isBefore(settlesAt(message))) {
            return WebcomStateValue.SEND.wire();
        }
        Instant expires = validUntil(message);
        if (expires != null && expires.isBefore(settlesAt(message))) {
            return WebcomStateValue.EXPIRED.wire();
        }
        String outcome = outcomes.get(message.phone());
        if (outcome != null) {
            return outcome;
        }
        return WebcomMessage.TYPE_VIBER.equals(message.typeSend()) ? WebcomStateValue.READ.wire()
                : WebcomStateValue.DELIVER.wire();
    }

    private Instant changedAt(Accepted message, Instant now) {
        return now.isBefore(settlesAt(message)) ? message.acceptedAt() : settlesAt(message);
    }

    private static Instant validUntil(Accepted message) {
        if (message.validityPeriod() == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(message.validityPeriod(), WebcomPhone.VALIDITY_FORMAT).atZone(PLATFORM_ZONE)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String format(Instant instant) {
        return WebcomPhone.VALIDITY_FORMAT.format(instant.atZone(PLATFORM_ZONE));
    }

    // ---- webhook

    /**
     * One round of the status webhook: posts every state that changed since the client last acknowledged it
     * (and was pushed fewer than {@value #MAX_PUSH_ATTEMPTS} times) to the webhook URL, and records which ids
     * the client echoed back. Returns the client's answer, or null when there was nothing to push.
     */
    /** Pushes the state changes to the webhook URL, when one is set. */
    @Override
    public void tick() {
        boolean hasUrl;
        synchronized (this) {
            hasUrl = webhookUrl != null;
        }
        if (hasUrl) {
            push();
        }
    }

    public WebhookPush.Answer push() {
        URI url;
        List<Map<String, Object>> due = new ArrayList<>();
        synchronized (this) {
            url = webhookUrl;
            if (url == null) {
                throw new IllegalStateException("no webhook URL: call webhookUrl(...) first");
            }
            Instant now = clock.instant();
            for (Iterator<Accepted> it = toPush.iterator(); it.hasNext() && due.size() < PUSH_ROUND; ) {
                Accepted message = it.next();
                String state = state(message, now);
                if (WebcomStateValue.SEND.wire().equals(state)) {
                    break;
                }
                if (state.equals(acknowledged.get(message.idSms()))) {
                    it.remove();
                    continue;
                }
                Pending p = pending.computeIfAbsent(message.idSms(), id -> new Pending());
                if (!state.equals(p.state)) {
                    p.state = state;
                    p.attempts = 0;
                }
                if (p.attempts >= MAX_PUSH_ATTEMPTS) {
                    it.remove();
                    continue;
                }
                p.attempts++;
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id_sms", String.valueOf(message.idSms()));
                entry.put("time", format(changedAt(message, now)));
                entry.put("state", state);
                due.add(entry);
            }
        }
        if (due.isEmpty()) {
            return null;
        }
        if (due.size() <= PUSH_BATCH) {
            return post(url, due);
        }
        List<Future<WebhookPush.Answer>> posts = new ArrayList<>();
        for (int from = 0; from < due.size(); from += PUSH_BATCH) {
            List<Map<String, Object>> body = due.subList(from, Math.min(due.size(), from + PUSH_BATCH));
            posts.add(pushThreads().submit(() -> post(url, body)));
        }
        WebhookPush.Answer answer = null;
        try {
            for (Future<WebhookPush.Answer> post : posts) {
                answer = post.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("webcom push failed", e.getCause());
        }
        return answer;
    }

    private synchronized ExecutorService pushThreads() {
        if (pushThreads == null) {
            pushThreads = Executors.newFixedThreadPool(PUSH_THREADS, r -> {
                Thread t = new Thread(r, "sandbox-webcom-push");
                t.setDaemon(true);
                return t;
            });
        }
        return pushThreads;
    }

    /** Stops the push threads. */
    @Override
    public synchronized void close() {
        if (pushThreads != null) {
            pushThreads.shutdownNow();
            pushThreads = null;
        }
    }

    private WebhookPush.Answer post(URI url, List<Map<String, Object>> due) {
        String body;
        try {
            body = Json.MAPPER.writeValueAsString(due);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            pushes.add(body);
            if (pushes.size() > PUSHES_KEPT) {
                pushes.poll();
            }
        }
        WebhookPush.Answer answer = WebhookPush.post(url, "application/json; charset=utf-8", body);
        Set<Long> echoed = echoedIds(answer);
        synchronized (this) {
            for (Map<String, Object> entry : due) {
                long id = Long.parseLong((String) entry.get("id_sms"));
                if (echoed.contains(id)) {
                    acknowledged.put(id, (String) entry.get("state"));
                    pending.remove(id);
                }
            }
        }
        return answer;
    }

    private static Set<Long> echoedIds(WebhookPush.Answer answer) {
        Set<Long> ids = new HashSet<>();
        if (!answer.ok()) {
            return ids;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(answer.body());
            if (root != null && root.isArray()) {
                for (JsonNode ack : root) {
                    long id = ack.path("id_sms").asLong(-1);
                    if (id >= 0) {
                        ids.add(id);
                    }
                }
            }
        } catch (IOException e) {
            // an answer that is not the documented array acknowledges nothing
        }
        return ids;
    }
}
