package io.camelsms.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

import io.camelsms.painel.model.PainelApi;
import io.camelsms.painel.model.PainelStatusText;

/**
 * The "Painel" API ({@code GET /painel/api.ashx?action=...&lgn=...&pwd=...}): sendsms, getstatus, getbalance,
 * holdsms and releasesms, answered {@code {"status":1,"data":...,"msg":...}}; an unknown action answers the plain
 * text {@code 0:OPERACAO INVALIDA}, a wrong login {@code status 0, "falha ao realizar login"}.
 * <p>
 * Campaigns follow the {@link SandboxClock}: every message is "aguardando envio" until the campaign's start (its
 * jobdate/jobtime, or the time it was accepted) plus {@link #DELIVERY_DELAY}, then "sucesso"; a number that is
 * not 10-11 digits (e.g. one with the country code) ends "numero invalido", one ending in 0000 "nao cadastrado".
 * A held campaign does not progress; released, it starts over from the release. Each status change and each
 * handset reply ({@link #reply}) is pushed to the campaign's {@code url_callback} as {@code data_callback}.
 * Progress is applied on every API call and on {@link #tick()}, which tests call after moving the clock.
 * <p>
 * As a real provider does, the sandbox answers the request first and calls back later: the callbacks a request's
 * progress makes due are pushed by {@value #CALLBACK_THREADS} callback threads, one {@code data_callback} per call
 * (the manual defines no batch), never by the thread serving the request; {@link #tick()} pushes what is due and
 * returns when every callback due has been answered, while the autopilot's step hands what is due to the callback
 * threads and goes on (a backlog of callbacks never holds the sandbox clock). Retention: a campaign whose messages are all final and
 * pushed is forgotten (getstatus answers "campanha nao encontrada") once it was delivered more than
 * {@link #RETENTION} ago by the sandbox clock, or once the sandbox holds more than {@value #RETAINED_MESSAGES}
 * messages (oldest campaigns first); {@link #pushes()} keeps the last {@value #PUSHES_KEPT} callbacks.
 * A second getstatus or getbalance of one login within a minute answers status 0 (the sandbox's wording, the
 * manual gives none).
 */
public final class PainelSimulator extends ProviderSimulator {

    public static final String DEFAULT_LOGIN = "sandbox";
    public static final String DEFAULT_PASSWORD = "sandbox-senha";
    public static final BigDecimal DEFAULT_BALANCE = new BigDecimal("1000");
    /** The sandbox account's zone: jobdate/jobtime and callback times are local to it. */
    public static final ZoneId ZONE = ZoneId.of(PainelApi.DEFAULT_TIME_ZONE);
    /** From a campaign's start to its messages' final status. */
    public static final Duration DELIVERY_DELAY = Duration.ofSeconds(5);
    /** Longer request URLs are answered HTTP 414, as a web server would. */
    public static final int SERVER_MAX_URL_LENGTH = 8_000;
    /** How long a final campaign stays queryable, by the sandbox clock. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** At most this many messages are held; beyond, the oldest final campaigns are forgotten. */
    public static final int RETAINED_MESSAGES = 200_000;
    public static final int PUSHES_KEPT = 10_000;
    static final int CALLBACK_THREADS = 4;
    public static final String MSG_RATE_LIMITED = "consulta permitida apenas 1 vez por minuto";
    public static final String MSG_NOT_FOUND = "campanha nao encontrada";
    public static final String MSG_INVALID_SCHEDULE = "data de agendamento invalida";
    public static final String MSG_EMPTY = "mensagem ou numeros vazios";
    private static final DateTimeFormatter STATUS_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss");
    private static final String[] CARRIERS = {"VIVO", "CLARO", "TIM", "OI"};
    private static final int KEPT_REQUESTS = 50;

    /** One message of a campaign, as getstatus reports it. */
    public record Sms(String messageId, String number, String status, Instant queuedAt, Instant deliveredAt,
                      String carrier) {
    }

    /** A campaign as the sandbox holds it. */
    public record Campaign(String id, String login, String msg, String urlCallback, Instant startAt, boolean held,
                           List<Sms> messages) {
    }

    /** One call the sandbox made to a client's url_callback, and the answer. */
    public record Push(URI url, String dataCallback, int status) {
    }

    private final class CampaignState {
        final String id;
        final String login;
        final String msg;
        final String urlCallback;
        Instant startAt;
        boolean held;
        final List<SmsState> messages = new ArrayList<>();
        /** messages not final yet, or final and not pushed yet: the campaign is not forgotten before 0 */
        int unsettled;
        /** its handset's reply is still to come: not forgotten before */
        boolean replyDue;
        Instant deliveredAt;

        CampaignState(String id, String login, String msg, String urlCallback, Instant startAt) {
            this.id = id;
            this.login = login;
            this.msg = msg;
            this.urlCallback = urlCallback;
            this.startAt = startAt;
        }

        Campaign snapshot() {
            return new Campaign(id, login, msg, urlCallback, startAt, held, messages.stream()
                    .map(m -> new Sms(m.messageId, m.number, m.status, m.queuedAt, m.deliveredAt, m.carrier))
                    .toList());
        }
    }

    private static final class SmsState {
        final String messageId;
        final String number;
        final String finalStatus;
        final Instant queuedAt;
        final String carrier;
        String status = PainelStatusText.AGUARDANDO_ENVIO.text();
        Instant deliveredAt;

        SmsState(String messageId, String number, String finalStatus, Instant queuedAt, String carrier) {
            this.messageId = messageId;
            this.number = number;
            this.finalStatus = finalStatus;
            this.queuedAt = queuedAt;
            this.carrier = carrier;
        }
    }

    private volatile String autoReply;
    private final Set<String> repliedCampaigns = new HashSet<>();
    private volatile String login = DEFAULT_LOGIN;
    private volatile String password = DEFAULT_PASSWORD;
    private BigDecimal balance = DEFAULT_BALANCE;
    private long nextCampaignId = 1001;
    private long nextMessageId = 500_001;
    private final Map<String, CampaignState> campaigns = new LinkedHashMap<>();
    private final Map<String, Instant> lastQueries = new HashMap<>();
    private final Deque<String> lastRequests = new ArrayDeque<>();
    private final Deque<Push> pushes = new ArrayDeque<>();
    /** Campaigns with messages not final yet, oldest first: what progress looks at. */
    private final Deque<CampaignState> open = new ArrayDeque<>();
    /** Final campaigns not replied to yet (with {@link #autoReply}). */
    private final Deque<CampaignState> awaitingReply = new ArrayDeque<>();
    /** Status changes not pushed yet, oldest first, and how many pushes are being made. */
    private final Deque<Due> unpushed = new ArrayDeque<>();
    private int pushing;
    private int retainedMessages;
    private ExecutorService callbackThreads;

    private record Due(CampaignState campaign, SmsState sms) {
    }

    public PainelSimulator(SandboxClock clock) {
        super(clock);
    }

    @Override
    public String provider() {
        return "painel";
    }

    @Override
    public List<String> paths() {
        return List.of(PainelApi.PATH);
    }

    /** One path for every call: the action names the operation. */
    @Override
    protected String operationOf(HttpExchange exchange) {
        return query(exchange).getOrDefault(PainelApi.ACTION, "");
    }

    public PainelSimulator account(String login, String password) {
        this.login = login;
        this.password = password;
        return this;
    }

    public synchronized PainelSimulator balance(BigDecimal balance) {
        this.balance = balance;
        return this;
    }

    public synchronized List<Campaign> campaigns() {
        return campaigns.values().stream().map(CampaignState::snapshot).toList();
    }

    public synchronized Campaign campaign(String id) {
        CampaignState campaign = campaigns.get(id);
        return campaign == null ? null : campaign.snapshot();
    }

    /** The raw query strings of the last requests, oldest first (test assertions on the exact wire). */
    public synchronized List<String> lastRequests() {
        return List.copyOf(lastRequests);
    }

    /** Every callback the sandbox made, oldest first. */
    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /**
     * Applies the clock to every campaign and pushes the changes to their url_callback; with {@link #autoReply},
     * the first handset to receive a campaign's message then answers it, once per campaign.
     */
    @Override
    public void tick() {
        // what this tick makes due is pushed here, in order; what requests made due before, by the callback threads
        List<Due> due = progress();
        synchronized (this) {
            pushing += due.size();
        }
        due.forEach(this::push);
        awaitPushes();
        replyToDelivered();
    }

    /**
     * The autopilot's step: what is due goes to the {@value #CALLBACK_THREADS} callback threads, as a request's
     * progress does, and the step does not wait for them (a tick would push on the autopilot's one thread and hold the
     * sandbox clock until every callback was answered); a campaign's reply follows once its callbacks were made.
     */
    @Override
    protected void autopilotTick() {
        queueCallbacks(progress());
        replyToDelivered();
    }

    /** With {@link #autoReply}, one handset of each campaign whose delivery callbacks were all made answers it. */
    private void replyToDelivered() {
        String text = autoReply;
        Map<CampaignState, String> replies = new LinkedHashMap<>();
        synchronized (this) {
            for (Iterator<CampaignState> it = awaitingReply.iterator(); it.hasNext(); ) {
                CampaignState campaign = it.next();
                if (campaign.unsettled > 0) {
                    continue;
                }
                it.remove();
                campaign.replyDue = false;
                if (text == null || campaign.urlCallback == null || !repliedCampaigns.add(campaign.id)) {
                    continue;
                }
                campaign.messages.stream().filter(m -> PainelStatusText.SUCESSO.text().equals(m.status)).findFirst()
                        .ifPresent(m -> {
                            campaign.replyDue = true; // until the reply is made
                            replies.put(campaign, m.number);
                        });
            }
        }
        replies.forEach((campaign, number) -> {
            try {
                reply(campaign.id, number, text);
            } finally {
                synchronized (this) {
                    campaign.replyDue = false;
                }
            }
        });
    }

    /** Makes one handset per campaign answer {@code text} once the campaign is delivered (null: no replies). */
    public PainelSimulator autoReply(String text) {
        this.autoReply = text;
        return this;
    }

    /**
     * The handset at {@code number} answers campaign {@code campaignId} with {@code text}: pushed at once to the
     * campaign's url_callback, with the reception time of the sandbox clock.
     *
     * @return the push made, or null when the campaign has no url_callback
     */
    public Push reply(String campaignId, String number, String text) {
        String data;
        URI url;
        synchronized (this) {
            CampaignState campaign = campaigns.get(campaignId);
            if (campaign == null) {
                throw new IllegalArgumentException("no campaign " + campaignId);
            }
            SmsState sms = campaign.messages.stream().filter(m -> m.number.equals(number)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(number + " is not in campaign " + campaignId));
            if (campaign.urlCallback == null) {
                return null;
            }
            data = String.join(";", campaign.id, sms.number, text, local(clock.instant()), sms.status, "");
            url = callbackUri(campaign.urlCallback, data);
        }
        return push(url, data);
    }

    /** Stops the callback threads. */
    @Override
    public synchronized void close() {
        if (callbackThreads != null) {
            callbackThreads.shutdownNow();
            callbackThreads = null;
        }
    }

    @Override
    public synchronized void reset() {
        super.reset();
        login = DEFAULT_LOGIN;
        password = DEFAULT_PASSWORD;
        balance = DEFAULT_BALANCE;
        campaigns.clear();
        lastQueries.clear();
        lastRequests.clear();
        pushes.clear();
        open.clear();
        awaitingReply.clear();
        unpushed.clear();
        retainedMessages = 0;
        autoReply = null;
        repliedCampaigns.clear();
    }

    @Override
    protected void serve(HttpExchange exchange, Fault fault) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (exchange.getRequestURI().toString().length() > SERVER_MAX_URL_LENGTH) {
            respond(exchange, 414, "text/plain", "URI too long");
            return;
        }
        remember(rawQuery == null ? "" : rawQuery);
        if (fault != null) {
            if (PainelApi.INVALID_OPERATION_TEXT.equals(fault.providerCode())) {
                respond(exchange, 200, "text/plain; charset=utf-8", PainelApi.INVALID_OPERATION_TEXT);
            } else {
                respondJson(exchange, 200, answer(parseStatus(fault.providerCode()), null,
                        "falha simulada " + fault.providerCode()));
            }
            return;
        }
        queueCallbacks(progress());
        Map<String, String> query = query(exchange);
        String action = query.getOrDefault(PainelApi.ACTION, "");
        if (!List.of(PainelApi.SENDSMS, PainelApi.GETSTATUS, PainelApi.GETBALANCE, PainelApi.HOLDSMS,
                PainelApi.RELEASESMS).contains(action) || !"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 200, "text/plain; charset=utf-8", PainelApi.INVALID_OPERATION_TEXT);
            return;
        }
        if (!login.equals(query.get(PainelApi.LOGIN)) || !password.equals(query.get(PainelApi.PASSWORD))) {
            respondJson(exchange, 200, answer(0, null, PainelApi.MSG_LOGIN_FAILED));
            return;
        }
        Map<String, Object> answer;
        synchronized (this) {
            answer = switch (action) {
                case PainelApi.SENDSMS -> send(query);
                case PainelApi.GETSTATUS -> limited(action, () -> status(query.get(PainelApi.ID)));
                case PainelApi.GETBALANCE -> limited(action, () -> answer(1, balance, "SUCESSO"));
                default -> holdOrRelease(query.get(PainelApi.ID), PainelApi.HOLDSMS.equals(action));
            };
        }
        respondJson(exchange, 200, answer);
    }

    private static int parseStatus(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Object> answer(int status, Object data, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("data", data);
        body.put("msg", msg);
        return body;
    }

    private synchronized void remember(String query) {
        if (lastRequests.size() == KEPT_REQUESTS) {
            lastRequests.removeFirst();
        }
        lastRequests.addLast(query);
    }

    private Map<String, Object> limited(String action, java.util.function.Supplier<Map<String, Object>> call) {
        Instant now = clock.instant();
        String key = login + '\u0000' + action;
        Instant last = lastQueries.get(key);
        if (last != null && now.isBefore(last.plus(PainelApi.QUERY_INTERVAL))) {
            return answer(0, null, MSG_RATE_LIMITED);
        }
        lastQueries.put(key, now);
        return call.get();
    }

    private Map<String, Object> send(Map<String, String> query) {
        String msg = query.getOrDefault(PainelApi.MSG, "");
        String numbers = query.getOrDefault(PainelApi.NUMBERS, "");
        if (msg.isEmpty() || numbers.isBlank()) {
            return answer(0, null, MSG_EMPTY);
        }
        Instant now = clock.instant();
        Instant startAt = now;
        String jobdate = query.get(PainelApi.JOBDATE);
        String jobtime = query.get(PainelApi.JOBTIME);
        if (jobdate != null || jobtime != null) {
            try {
                startAt = LocalDate.parse(jobdate, PainelApi.JOBDATE_FORMAT)
                        .atTime(LocalTime.parse(jobtime, PainelApi.JOBTIME_FORMAT)).atZone(ZONE).toInstant();
            } catch (DateTimeParseException | NullPointerException e) {
                return answer(0, null, MSG_INVALID_SCHEDULE);
            }
        }
        String id = String.valueOf(nextCampaignId++);
        CampaignState campaign = new CampaignState(id, login, msg, query.get(PainelApi.URL_CALLBACK), startAt);
        for (String number : numbers.split(",", -1)) {
            String n = number.strip();
            String finalStatus = !n.matches(PainelApi.NATIONAL_NUMBER_PATTERN)
                    ? PainelStatusText.NUMERO_INVALIDO.text()
                    : n.endsWith("0000") ? PainelStatusText.NAO_CADASTRADO.text() : PainelStatusText.SUCESSO.text();
            String carrier = n.isEmpty() ? "" : CARRIERS[(n.charAt(n.length() - 1) - '0' + 4) % CARRIERS.length];
            campaign.messages.add(new SmsState(String.valueOf(nextMessageId++), n, finalStatus, now, carrier));
        }
        balance = balance.subtract(BigDecimal.valueOf(campaign.messages.size()));
        campaign.unsettled = campaign.messages.size();
        campaigns.put(id, campaign);
        open.add(campaign);
        retainedMessages += campaign.messages.size();
        forgetOldCampaigns(now);
        return answer(1, Long.parseLong(id), PainelApi.MSG_SUCCESS);
    }

    private Map<String, Object> status(String id) {
        CampaignState campaign = id == null ? null : campaigns.get(id);
        if (campaign == null) {
            return answer(0, null, MSG_NOT_FOUND);
        }
        String data = campaign.messages.stream().map(m -> statusLine(campaign, m)).collect(Collectors.joining("\r\n"));
        return answer(1, data, PainelApi.MSG_SUCCESS);
    }

    /** 13 quoted columns: 0 message id, 2 queued, 4 delivered, 6 status, 9 carrier, 10 mobile, 12 message. */
    private static String statusLine(CampaignState campaign, SmsState m) {
        String[] columns = {m.messageId, campaign.id, STATUS_TIME.format(m.queuedAt.atZone(ZONE)), "",
            m.deliveredAt == null ? "" : STATUS_TIME.format(m.deliveredAt.atZone(ZONE)), "", m.status, "API", "",
            m.carrier, m.number, "", campaign.msg};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            line.append(i == 0 ? "" : ";").append('"').append(columns[i].replace("\"", "\"\"")).append('"');
        }
        return line.toString();
    }

    private Map<String, Object> holdOrRelease(String id, boolean hold) {
        CampaignState campaign = id == null ? null : campaigns.get(id);
        if (campaign == null) {
            return answer(0, null, MSG_NOT_FOUND);
        }
        Instant now = clock.instant();
        if (hold) {
            campaign.held = true;
        } else if (campaign.held) {
            campaign.held = false;
            if (campaign.startAt.isBefore(now)) {
                campaign.startAt = now;
            }
        }
        return answer(1, null, PainelApi.MSG_SUCCESS);
    }

    /**
     * Moves the open campaigns to the clock's now; returns the status changes of campaigns with a url_callback,
     * to be pushed.
     */
    private synchronized List<Due> progress() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        for (Iterator<CampaignState> it = open.iterator(); it.hasNext(); ) {
            CampaignState campaign = it.next();
            Instant deliveredAt = campaign.startAt.plus(DELIVERY_DELAY);
            if (campaign.held || now.isBefore(deliveredAt)) {
                continue;
            }
            for (SmsState sms : campaign.messages) {
                sms.status = sms.finalStatus;
                sms.deliveredAt = deliveredAt;
                if (campaign.urlCallback != null) {
                    due.add(new Due(campaign, sms));
                } else {
                    campaign.unsettled--;
                }
            }
            campaign.deliveredAt = deliveredAt;
            if (campaign.urlCallback != null && autoReply != null) {
                campaign.replyDue = true;
                awaitingReply.add(campaign);
            }
            it.remove();
        }
        return due;
    }

    /** Hands status changes to the callback threads: the request that made them due is answered first. */
    private synchronized void queueCallbacks(List<Due> due) {
        if (!due.isEmpty()) {
            unpushed.addAll(due);
            startCallbackThreads();
            notifyAll();
        }
    }

    private void startCallbackThreads() {
        if (callbackThreads == null) {
            callbackThreads = Executors.newFixedThreadPool(CALLBACK_THREADS, r -> {
                Thread t = new Thread(r, "sandbox-painel-callback");
                t.setDaemon(true);
                return t;
            });
            for (int i = 0; i < CALLBACK_THREADS; i++) {
                callbackThreads.execute(this::pushWhileDue);
            }
        }
    }

    /** A callback thread: pushes what is due, waits when nothing is. */
    private void pushWhileDue() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Due due;
                synchronized (this) {
                    while ((due = nextDue()) == null) {
                        wait();
                    }
                }
                push(due);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The oldest status change not pushed yet, counted as being pushed; null when none. */
    private synchronized Due nextDue() {
        Due due = unpushed.poll();
        if (due != null) {
            pushing++;
        }
        return due;
    }

    private void push(Due due) {
        String data = String.join(";", due.campaign().id, due.sms().number, "", local(due.sms().deliveredAt),
                due.sms().status, "");
        try {
            push(callbackUri(due.campaign().urlCallback, data), data);
        } finally {
            synchronized (this) {
                pushing--;
                due.campaign().unsettled--;
                notifyAll();
            }
        }
    }

    private synchronized void awaitPushes() {
        try {
            while (pushing > 0 || !unpushed.isEmpty()) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Push push(URI url, String data) {
        Push done = new Push(url, data, WebhookPush.get(url).status());
        synchronized (this) {
            pushes.add(done);
            if (pushes.size() > PUSHES_KEPT) {
                pushes.poll();
            }
        }
        return done;
    }

    /** The retention: final, pushed campaigns delivered before the retention period or beyond the count. */
    private void forgetOldCampaigns(Instant now) {
        Instant horizon = now.minus(RETENTION);
        for (Iterator<CampaignState> it = campaigns.values().iterator(); it.hasNext(); ) {
            CampaignState oldest = it.next();
            boolean settled = oldest.unsettled == 0 && oldest.deliveredAt != null && !oldest.replyDue;
            if (!settled || (retainedMessages <= RETAINED_MESSAGES && !oldest.deliveredAt.isBefore(horizon))) {
                return;
            }
            it.remove();
            repliedCampaigns.remove(oldest.id);
            retainedMessages -= oldest.messages.size();
        }
    }

    private static URI callbackUri(String urlCallback, String data) {
        return URI.create(urlCallback + (urlCallback.contains("?") ? "&" : "?") + PainelApi.DATA_CALLBACK + "="
                + URLEncoder.encode(data, StandardCharsets.UTF_8));
    }

    private static String local(Instant time) {
        return PainelApi.DATA_RESPOSTA_FORMAT.format(time.atZone(ZONE));
    }
}
