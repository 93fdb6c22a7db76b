package io.camelsms.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import io.camelsms.core.Json;
import io.camelsms.pwapi.model.PwapiMessage;
import io.camelsms.pwapi.model.PwapiRequest;
import io.camelsms.pwapi.model.PwapiReturnCode;

/**
 * PW-API SMS-MT 4.0 ({@code POST /sms/v_4_00/postsms.aspx}): one JSON body, {@code function} SEND_MESSAGE,
 * answered with {@code {"returncode": "..."}} as the document lists. Checks, in order: the body is JSON (600),
 * an object (601), {@code version} is a version (006) and 4.00 (005), credential and token (001), the account
 * state (002, 003, 009), {@code function} (007), {@code messages} is an array (602) of objects (603) of at most
 * 20,000 (004), and each message's fields (008: mobile format, message 1-1000, id_extern 40, aux_user 20,
 * send_project S/N). The document does not say what separates 600-603; the split above is the sandbox's.
 * A GET answers a short description of the format, as the document says the real URL does in a browser.
 */
public final class PwapiSimulator extends ProviderSimulator {

    public static final String PATH = "/sms/v_4_00/postsms.aspx";
    public static final String DEFAULT_CREDENTIAL = "SANDBOX-CREDENTIAL";
    public static final String DEFAULT_TOKEN = "sbx01";
    /** Retention: the sandbox keeps the last this many accepted messages (a real pwapi account reports none). */
    public static final int MESSAGES_KEPT = 100_000;
    private static final int KEPT_REQUESTS = 20;
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern MOBILE = Pattern.compile(PwapiMessage.MOBILE_PATTERN);

    /** What the account is, for the 002/003/009 answers. */
    public enum AccountState { ACTIVE, TEST, INACTIVE, BLOCKED }

    /** One message the sandbox accepted. */
    public record Accepted(String idExtern, String auxUser, String mobile, String sendProject, String message,
                           String principalUser, Instant receivedAt) {
    }

    private volatile String credential = DEFAULT_CREDENTIAL;
    private volatile String token = DEFAULT_TOKEN;
    private volatile AccountState accountState = AccountState.ACTIVE;
    private volatile boolean keepMessages = true;
    /** The last accepted messages, oldest first: pwapi reports nothing about a message, so nothing needs more. */
    private final Deque<Accepted> accepted = new ArrayDeque<>();
    private final Deque<String> lastRequests = new ArrayDeque<>();
    private final AtomicLong acceptedCount = new AtomicLong();

    public PwapiSimulator(SandboxClock clock) {
        super(clock);
    }

    @Override
    public String provider() {
        return "pwapi";
    }

    @Override
    public List<String> paths() {
        return List.of(PATH);
    }

    public PwapiSimulator account(String credential, String token) {
        this.credential = credential;
        this.token = token;
        return this;
    }

    public PwapiSimulator accountState(AccountState state) {
        this.accountState = state;
        return this;
    }

    /** Off for benchmarks: count accepted messages without keeping them. */
    public PwapiSimulator keepMessages(boolean keep) {
        this.keepMessages = keep;
        return this;
    }

    /** The last {@value #MESSAGES_KEPT} accepted messages, oldest first ({@link #acceptedCount()} counts all). */
    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public long acceptedCount() {
        return acceptedCount.get();
    }

    /** The raw bodies of the last requests, oldest first. */
    public synchronized List<String> lastRequests() {
        return List.copyOf(lastRequests);
    }

    @Override
    public synchronized void reset() {
        super.reset();
        credential = DEFAULT_CREDENTIAL;
        token = DEFAULT_TOKEN;
        accountState = AccountState.ACTIVE;
        keepMessages = true;
        accepted.clear();
        lastRequests.clear();
        acceptedCount.set(0);
    }

    @Override
    protected void serve(HttpExchange exchange, Fault fault) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 200, "text/plain; charset=utf-8", "SMS-MT API 4.0: POST one JSON {\"version\":\"4.00\","
                    + "\"credential\",\"token\",\"function\":\"SEND_MESSAGE\",\"principal_user\",\"messages\":[{\"id_extern\","
                    + "\"aux_user\",\"mobile\":\"CC(AA)NNNNNNNNN\",\"send_project\",\"message\"}]}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "POST only");
            return;
        }
        byte[] body = readBody(exchange);
        remember(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        String code = fault != null ? fault.providerCode() : check(body);
        respondJson(exchange, 200, Map.of("returncode", code));
    }

    private synchronized void remember(String body) {
        if (lastRequests.size() == KEPT_REQUESTS) {
            lastRequests.removeFirst();
        }
        lastRequests.addLast(body);
    }

    private String check(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return PwapiReturnCode.INVALID_JSON_600.code();
        }
        if (root == null || !root.isObject()) {
            return PwapiReturnCode.INVALID_JSON_601.code();
        }
        String version = root.path("version").asText(null);
        if (version == null || !VERSION.matcher(version).matches()) {
            return PwapiReturnCode.INVALID_VERSION.code();
        }
        if (!"4.00".equals(version)) {
            return PwapiReturnCode.WRONG_VERSION.code();
        }
        if (!credential.equals(root.path("credential").asText()) || !token.equals(root.path("token").asText())) {
            return PwapiReturnCode.INVALID_CREDENTIAL.code();
        }
        switch (accountState) {
            case TEST: return PwapiReturnCode.TEST_ACCOUNT.code();
            case INACTIVE: return PwapiReturnCode.ACCOUNT_INACTIVE.code();
            case BLOCKED: return PwapiReturnCode.ACCOUNT_BLOCKED.code();
            default: break;
        }
        if (!PwapiRequest.SEND_MESSAGE.equals(root.path("function").asText())) {
            return PwapiReturnCode.UNKNOWN_FUNCTION.code();
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray()) {
            return PwapiReturnCode.INVALID_JSON_602.code();
        }
        if (messages.size() > PwapiRequest.MAX_MESSAGES) {
            return PwapiReturnCode.TOO_MANY_MESSAGES.code();
        }
        List<Accepted> batch = new ArrayList<>(messages.size());
        Instant now = clock.instant();
        String principalUser = root.path("principal_user").asText("");
        for (JsonNode m : messages) {
            if (!m.isObject()) {
                return PwapiReturnCode.INVALID_JSON_603.code();
            }
            String mobile = m.path("mobile").asText("");
            String text = m.path("message").asText("");
            String idExtern = m.path("id_extern").asText("");
            String auxUser = m.path("aux_user").asText("");
            String sendProject = m.path("send_project").asText("N");
            if (!MOBILE.matcher(mobile).matches() || text.isEmpty() || text.length() > PwapiMessage.MAX_MESSAGE
                    || idExtern.length() > PwapiMessage.MAX_ID_EXTERN || auxUser.length() > PwapiMessage.MAX_AUX_USER
                    || !PwapiMessage.SEND_PROJECT_VALUES.contains(sendProject)) {
                return PwapiReturnCode.INVALID_ATTRIBUTE.code();
            }
            batch.add(new Accepted(idExtern, auxUser, mobile, sendProject, text, principalUser, now));
        }
        acceptedCount.addAndGet(batch.size());
        if (keepMessages) {
            synchronized (this) {
                accepted.addAll(batch);
                while (accepted.size() > MESSAGES_KEPT) {
                    accepted.poll();
                }
            }
        }
        return PwapiReturnCode.SUCCESS.code();
    }
}
