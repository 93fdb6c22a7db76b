package io.camelsms.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;

import io.camelsms.core.Json;
import io.camelsms.smsway.model.SmswayCode;
import io.camelsms.smsway.model.SmswayLastRequest;
import io.camelsms.smsway.model.SmswaySendRequest;
import io.camelsms.smsway.model.SmswayState;

/**
 * SmsWay's remote API ({@code /remote/smssend}, {@code smsgetlast}, {@code userinfo}, {@code updateuserinfo}) as
 * its document describes it:
 * <ul>
 * <li>the API key in the {@code tokenapi} cookie or the JSON body's {@code tokenapi}, the cookie winning when both
 * come; {@code -21} for a wrong or missing key, {@code -22}/{@code -23} for the account state, {@code -25} when
 * {@code ipv4grant} is set and the caller's address is not in it;</li>
 * <li>smssend: {@code recipient} digits only (else {@code -4}), {@code smstext} with line breaks only as the
 * document's {@code \r\n} (a bare {@code \n} or lone {@code \r} is {@code -4}), cut at 160, {@code -5} outside
 * {@code prefixwhite}, {@code -2} when credits run out; a message over {@code maxmin}/{@code maxhour}/{@code maxday}
 * (sliding windows on the {@link SandboxClock}) is answered 1 but discarded: its state is "sms deleted" (9), the
 * document's cancelled (or answered {@code -3}, see {@link #overQuotaAnswersThreshold});</li>
 * <li>states follow the clock: 1 (request), 3 (sent) after {@link #PUSH_DELAY}, 8 (delivered) after
 * {@link #DELIVERY_DELAY} more; a number marked with {@link #failDelivery} goes to its failure state instead;</li>
 * <li>smsgetlast: the latest {@code qty} (default 10, at most 100) messages, latest first.</li>
 * </ul>
 * The document does not say how it counts quota windows, nor whether a discarded message counts toward them:
 * the sandbox slides the windows and does not count discarded messages. {@code ipv4grant} and {@code prefixwhite}
 * are answered as comma-separated strings, the form updateuserinfo takes.
 * <p>
 * Retention: smsgetlast reports the latest 100 messages and the longest quota window is a day, so a message is
 * forgotten once received more than {@link #RETENTION} ago or beyond the latest {@value #MESSAGES_KEPT}, oldest first
 * (a {@code maxday} above that many then counts only the messages kept).
 */
public final class SmsWaySimulator extends ProviderSimulator {

    public static final String PREFIX = "/remote/";
    public static final String DEFAULT_TOKENAPI = "SANDBOX-SMSWAY-APIKEY";
    public static final int DEFAULT_CREDITS = 10_000;
    public static final String DEFAULT_MOBILEPHONE = "393331234567";
    public static final Duration PUSH_DELAY = Duration.ofSeconds(2);
    public static final Duration DELIVERY_DELAY = Duration.ofSeconds(5);
    /** How long a message is kept, by the sandbox clock: the longest quota window ({@code maxday}). */
    public static final Duration RETENTION = Duration.ofDays(1);
    /** At most this many messages are kept, the latest (smsgetlast shows at most 100 of them). */
    public static final int MESSAGES_KEPT = 100_000;
    private static final int KEPT_REQUESTS = 50;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** A {@code \n} not after {@code \r}, or a {@code \r} not before {@code \n}. */
    private static final Pattern BARE_LINE_BREAK = Pattern.compile("(?<!\\r)\\n|\\r(?!\\n)");

    /** What the account is, for the -22/-23 answers. */
    public enum AccountState { ACTIVE, INVALID_ROLE, DISABLED }

    /** One request as received: what a test asserts the exact wire of. */
    public record Request(String method, String path, String cookie, String contentType, String body) {
    }

    /** One message as smsgetlast would show it now. */
    public record Message(String recipient, Instant tsreq, Instant tsdelivered, Integer sim, String smstext,
                          int state) {
    }

    private record Stored(String recipient, Instant tsreq, Integer sim, String smstext, boolean cancelled,
                          Integer failState) {
    }

    private volatile String tokenapi = DEFAULT_TOKENAPI;
    private volatile AccountState accountState = AccountState.ACTIVE;
    private volatile boolean overQuotaAnswersThreshold;
    private volatile boolean bareSendReply;
    private volatile Duration sendTime = Duration.ZERO;
    private int credits = DEFAULT_CREDITS;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Integer> failingNumbers = new HashMap<>();
    /** The messages received, oldest first, within the retention. */
    private final Deque<Stored> messages = new ArrayDeque<>();
    private final Deque<Request> lastRequests = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public SmsWaySimulator(SandboxClock clock) {
        super(clock);
        defaultSettings();
    }

    @Override
    public String provider() {
        return "smsway";
    }

    @Override
    public List<String> paths() {
        return List.of(PREFIX);
    }

    // ---- set-up for tests

    public SmsWaySimulator account(String key) {
        this.tokenapi = key;
        return this;
    }

    public SmsWaySimulator accountState(AccountState state) {
        this.accountState = state;
        return this;
    }

    public synchronized SmsWaySimulator credits(int credits) {
        this.credits = credits;
        return this;
    }

    public synchronized int credits() {
        return credits;
    }

    /** The account's limits, as updateuserinfo would set them; 0 = no limit. */
    public synchronized SmsWaySimulator quotas(int maxmin, int maxhour, int maxday) {
        settings.put("maxmin", maxmin);
        settings.put("maxhour", maxhour);
        settings.put("maxday", maxday);
        return this;
    }

    public synchronized SmsWaySimulator ipv4grant(String commaSeparated) {
        settings.put("ipv4grant", commaSeparated);
        return this;
    }

    public synchronized SmsWaySimulator prefixwhite(String commaSeparated) {
        settings.put("prefixwhite", commaSeparated);
        return this;
    }

    /** Messages to {@code recipient} (digits) end in {@code state} (2, 4, 5, 6, 7 or 10) instead of delivered. */
    public synchronized SmsWaySimulator failDelivery(String recipient, int state) {
        failingNumbers.put(recipient, state);
        return this;
    }

    /** Over-quota messages answered {@code -3} instead of 1 (both discard the message as cancelled). */
    public SmsWaySimulator overQuotaAnswersThreshold(boolean threshold) {
        this.overQuotaAnswersThreshold = threshold;
        return this;
    }

    /** smssend answers a bare number ({@code 1}) instead of {@code {"res": 1}}; the document shows neither. */
    public SmsWaySimulator bareSendReply(boolean bare) {
        this.bareSendReply = bare;
        return this;
    }

    /** How long each smssend takes inside the provider, counted as in flight (the fault latency comes before). */
    public SmsWaySimulator sendTime(Duration time) {
        this.sendTime = time;
        return this;
    }

    // ---- what happened

    /** The messages received by smssend and kept (see the retention), oldest first, in their state at the clock's now. */
    public synchronized List<Message> messages() {
        Instant now = clock.instant();
        return messages.stream().map(m -> view(m, now)).toList();
    }

    /**
     * The most smssend messages received within any {@code window} (a minute, an hour: the quotas' windows), counted
     * as the provider would, by its clock at reception, discarded ones included.
     */
    public synchronized int mostReceivedWithin(Duration window) {
        List<Instant> received = messages.stream().map(Stored::tsreq).sorted().toList();
        int most = 0;
        for (int last = 0, first = 0; last < received.size(); last++) {
            while (!received.get(first).isAfter(received.get(last).minus(window))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    public synchronized long cancelledCount() {
        return messages.stream().filter(Stored::cancelled).count();
    }

    public synchronized Map<String, Object> settings() {
        return Map.copyOf(settings);
    }

    /** The last requests, oldest first. */
    public synchronized List<Request> lastRequests() {
        return List.copyOf(lastRequests);
    }

    /** The most requests ever in progress at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public synchronized void reset() {
        super.reset();
        tokenapi = DEFAULT_TOKENAPI;
        accountState = AccountState.ACTIVE;
        overQuotaAnswersThreshold = false;
        bareSendReply = false;
        sendTime = Duration.ZERO;
        credits = DEFAULT_CREDITS;
        failingNumbers.clear();
        messages.clear();
        lastRequests.clear();
        maxInFlight.set(0);
        defaultSettings();
    }

    private void defaultSettings() {
        settings.clear();
        settings.put("mobilephone", DEFAULT_MOBILEPHONE);
        settings.put("sim", -1);
        settings.put("localeiso2", "it");
        settings.put("mobiletimezone", 1);
        settings.put("servertimezone", 1);
        settings.put("adminphone", DEFAULT_MOBILEPHONE);
        settings.put("maxday", 0);
        settings.put("maxhour", 0);
        settings.put("maxmin", 0);
        settings.put("ipv4grant", "");
        settings.put("prefixwhite", "");
    }

    // ---- serving

    @Override
    protected void serve(HttpExchange exchange, Fault fault) throws IOException {
        // counted before the reply is written, so a client's next call never overlaps its previous one here
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!sendTime.isZero() && exchange.getRequestURI().getPath().endsWith("/smssend")) {
                Thread.sleep(sendTime.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        serveCall(exchange, fault);
    }

    private void serveCall(HttpExchange exchange, Fault fault) throws IOException {
        String call = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        String expected = switch (call) {
            case "smssend", "updateuserinfo" -> "POST";
            case "smsgetlast", "userinfo" -> "GET";
            default -> null;
        };
        if (expected == null) {
            respond(exchange, 404, "text/plain", "no such call");
            return;
        }
        if (!expected.equals(method)) {
            respond(exchange, 405, "text/plain", expected + " only");
            return;
        }
        String body = new String(readBody(exchange), StandardCharsets.UTF_8);
        remember(new Request(method, exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Cookie"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        if (fault != null) {
            answer(exchange, call, Integer.parseInt(fault.providerCode()), null);
            return;
        }
        JsonNode json;
        try {
            json = body.isBlank() ? JsonNodeFactory.instance.objectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            answer(exchange, call, SmswayCode.GENERIC_ERROR.code(), null);
            return;
        }
        int auth = authenticate(exchange, json);
        if (auth != SmswayCode.SUCCESS.code()) {
            answer(exchange, call, auth, null);
            return;
        }
        switch (call) {
            case "smssend" -> answer(exchange, call, send(json), null);
            case "smsgetlast" -> last(exchange, json);
            case "userinfo" -> answer(exchange, call, 1, settings());
            default -> answer(exchange, call, update(json), null);
        }
    }

    private int authenticate(HttpExchange exchange, JsonNode body) {
        String key = cookie(exchange.getRequestHeaders().getFirst("Cookie"));
        if (key == null && body.hasNonNull("tokenapi")) {
            key = body.get("tokenapi").asText();
        }
        if (key == null || !key.equals(tokenapi)) {
            return SmswayCode.APIKEY_INVALID.code();
        }
        switch (accountState) {
            case INVALID_ROLE: return SmswayCode.INVALID_USER_ROLE.code();
            case DISABLED: return SmswayCode.USER_DISABLED.code();
            default: break;
        }
        List<String> granted = items((String) settings().get("ipv4grant"));
        String caller = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (!granted.isEmpty() && !granted.contains(caller)) {
            return SmswayCode.UNAUTHORIZED_SOURCE_IP.code();
        }
        return SmswayCode.SUCCESS.code();
    }

    /** The {@code tokenapi} value of a Cookie header, or null. */
    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String[] nameValue = pair.strip().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals("tokenapi")) {
                return nameValue[1];
            }
        }
        return null;
    }

    /** "For carriage return use the sequence \r\n": a {@code \n} or {@code \r} outside that pair is not defined. */
    static boolean hasBareLineBreak(String text) {
        return BARE_LINE_BREAK.matcher(text).find();
    }

    private synchronized int send(JsonNode body) {
        String recipient = body.path("recipient").asText("");
        String text = body.path("smstext").asText(null);
        JsonNode simNode = body.get("sim");
        if (!DIGITS.matcher(recipient).matches() || text == null || text.isEmpty() || hasBareLineBreak(text)
                || (simNode != null && !simNode.isNull() && !simNode.isInt())) {
            return SmswayCode.GENERIC_ERROR.code();
        }
        List<String> prefixes = items((String) settings.get("prefixwhite"));
        if (!prefixes.isEmpty() && prefixes.stream().noneMatch(recipient::startsWith)) {
            return SmswayCode.PREFIX_NOT_ALLOWED.code();
        }
        if (credits <= 0) {
            return SmswayCode.NO_CREDITS.code();
        }
        Integer sim = simNode == null || simNode.isNull() ? null : simNode.intValue();
        // the provider keeps the first 160 characters
        String kept = text.length() > SmswaySendRequest.MAX_SMSTEXT ? text.substring(0, SmswaySendRequest.MAX_SMSTEXT)
                : text;
        Instant now = clock.instant();
        forgetOldMessages(now);
        if (overQuota(now)) {
            messages.add(new Stored(recipient, now, sim, kept, true, null));
            return overQuotaAnswersThreshold ? SmswayCode.OVER_THRESHOLD.code() : SmswayCode.SUCCESS.code();
        }
        credits--;
        messages.add(new Stored(recipient, now, sim, kept, false, failingNumbers.get(recipient)));
        return SmswayCode.SUCCESS.code();
    }

    private void forgetOldMessages(Instant now) {
        Instant horizon = now.minus(RETENTION);
        while (!messages.isEmpty()
               && (messages.size() >= MESSAGES_KEPT || messages.peekFirst().tsreq().isBefore(horizon))) {
            messages.removeFirst();
        }
    }

    private boolean overQuota(Instant now) {
        return over(now, Duration.ofMinutes(1), (Integer) settings.get("maxmin"))
               || over(now, Duration.ofHours(1), (Integer) settings.get("maxhour"))
               || over(now, Duration.ofDays(1), (Integer) settings.get("maxday"));
    }

    private boolean over(Instant now, Duration window, int limit) {
        if (limit <= 0) {
            return false;
        }
        Instant from = now.minus(window);
        long inWindow = messages.stream()
                .filter(m -> !m.cancelled() && m.tsreq().isAfter(from) && !m.tsreq().isAfter(now)).count();
        return inWindow >= limit;
    }

    private void last(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode qtyNode = body.get("qty");
        int qty = qtyNode == null || qtyNode.isNull() ? SmswayLastRequest.DEFAULT_QTY : qtyNode.asInt(-1);
        if (qty < 1) {
            answer(exchange, "smsgetlast", SmswayCode.GENERIC_ERROR.code(), null);
            return;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Message m : latest(Math.min(qty, SmswayLastRequest.MAX_QTY))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("recipient", m.recipient());
            entry.put("tsreq", m.tsreq().toEpochMilli());
            entry.put("tsdelivered", m.tsdelivered() == null ? null : m.tsdelivered().toEpochMilli());
            entry.put("sim", m.sim() == null ? 0 : m.sim());
            entry.put("smstext", m.smstext());
            entry.put("state", m.state());
            list.add(entry);
        }
        answer(exchange, "smsgetlast", 1, Map.of("smslist", list));
    }

    /** The latest {@code qty} messages, latest first, in their state at the clock's now. */
    private synchronized List<Message> latest(int qty) {
        Instant now = clock.instant();
        List<Message> latest = new ArrayList<>(qty);
        for (Iterator<Stored> it = messages.descendingIterator(); it.hasNext() && latest.size() < qty; ) {
            latest.add(view(it.next(), now));
        }
        return latest;
    }

    private synchronized int update(JsonNode body) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : List.of("maxday", "maxhour", "maxmin", "sim")) {
            JsonNode value = body.get(field);
            if (value != null) {
                if (!value.canConvertToInt() || (!value.isInt() && !DIGITS.matcher(value.asText()).matches())) {
                    return SmswayCode.GENERIC_ERROR.code();
                }
                changes.put(field, value.asInt());
            }
        }
        for (String field : List.of("adminphone", "ipv4grant", "prefixwhite")) {
            JsonNode value = body.get(field);
            if (value != null) {
                if (!value.isTextual()) {
                    return SmswayCode.GENERIC_ERROR.code();
                }
                changes.put(field, value.asText());
            }
        }
        settings.putAll(changes);
        return SmswayCode.SUCCESS.code();
    }

    private void answer(HttpExchange exchange, String call, int res, Map<String, Object> fields) throws IOException {
        if ("smssend".equals(call) && bareSendReply) {
            respond(exchange, 200, "application/json", String.valueOf(res));
            return;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("res", res);
        if (fields != null && res == 1) {
            reply.putAll(fields);
        }
        respondJson(exchange, 200, reply);
    }

    private Message view(Stored m, Instant now) {
        if (m.cancelled()) {
            return new Message(m.recipient(), m.tsreq(), null, m.sim(), m.smstext(), SmswayState.SMS_DELETED.code());
        }
        Duration age = Duration.between(m.tsreq(), now);
        if (age.compareTo(PUSH_DELAY) < 0) {
            return new Message(m.recipient(), m.tsreq(), null, m.sim(), m.smstext(), SmswayState.REQUEST.code());
        }
        if (m.failState() != null) {
            return new Message(m.recipient(), m.tsreq(), null, m.sim(), m.smstext(), m.failState());
        }
        Instant sentAt = m.tsreq().plus(PUSH_DELAY);
        int state = age.compareTo(PUSH_DELAY.plus(DELIVERY_DELAY)) < 0 ? SmswayState.SMS_SENT.code()
                : SmswayState.SMS_DELIVERED.code();
        return new Message(m.recipient(), m.tsreq(), sentAt, m.sim(), m.smstext(), state);
    }

    private synchronized void remember(Request request) {
        if (lastRequests.size() == KEPT_REQUESTS) {
            lastRequests.removeFirst();
        }
        lastRequests.addLast(request);
    }

    private static List<String> items(String commaSeparated) {
        List<String> items = new ArrayList<>();
        if (commaSeparated != null) {
            for (String item : commaSeparated.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
