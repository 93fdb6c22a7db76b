package io.camelsms.app.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelsms.core.Json;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (JDK WebSocket): loads a page and returns its DOM
 * as the browser holds it. Chromium's own {@code --dump-dom} evaluates a script to read the DOM, so it prints nothing
 * when scripts are disabled; the protocol's DOM domain reads it either way.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new ArrayList<>();
    private int lastId;

    /** Starts Chromium on an empty profile; {@code javaScript=false}: as a user who turned JavaScript off. */
    HeadlessChromium(String chromium, Path profile, boolean javaScript) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0"));
        if (!javaScript) {
            command.add("--blink-settings=scriptEnabled=false");
        }
        command.add("about:blank");
        process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(pageSocket(profile)),
                new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The page target's DevTools address, once Chromium wrote its port into the profile. */
    private String pageSocket(Path profile) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("Chromium did not open its DevTools port");
            }
            Thread.sleep(50);
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        String targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode target : Json.MAPPER.readTree(targets)) {
            if ("page".equals(target.get("type").asText())) {
                return target.get("webSocketDebuggerUrl").asText();
            }
        }
        throw new IllegalStateException("Chromium has no page: " + targets);
    }

    /**
     * Navigates and waits for the page's load event (the events seen before the navigation was committed are
     * about:blank's; the answer to Page.navigate comes before the new page's load event).
     */
    void load(String url) throws Exception {
        call("Page.enable", Json.MAPPER.createObjectNode());
        call("Page.navigate", Json.MAPPER.createObjectNode().put("url", url));
        events.clear();
        awaitEvent("Page.loadEventFired");
    }

    /** Evaluates a script in the page (JavaScript enabled only) and returns its value, or null. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Json.MAPPER.createObjectNode().put("expression", expression)
                .put("returnByValue", true)).path("result");
        return result.path("value").isMissingNode() || result.get("value").isNull() ? null : result.get("value");
    }

    /** The document as the browser holds it now, read through the DOM domain (no script of the page involved). */
    String dom() throws Exception {
        JsonNode root = call("DOM.getDocument", Json.MAPPER.createObjectNode().put("depth", 0)).get("root");
        return call("DOM.getOuterHTML", Json.MAPPER.createObjectNode().put("nodeId", root.get("nodeId").asInt()))
                .get("outerHTML").asText();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ++lastId;
        ObjectNode request = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        request.set("params", params);
        socket.sendText(Json.MAPPER.writeValueAsString(request), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        while (true) {
            JsonNode message = next(method);
            if (message.path("id").asInt(-1) == id) {
                if (message.has("error")) {
                    throw new IllegalStateException(method + ": " + message.get("error"));
                }
                return message.get("result");
            }
            events.add(message);
        }
    }

    private void awaitEvent(String name) throws Exception {
        while (events.stream().noneMatch(e -> name.equals(e.path("method").asText()))) {
            events.add(next(name));
        }
    }

    private JsonNode next(String awaited) throws InterruptedException {
        JsonNode message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new IllegalStateException("Chromium did not answer " + awaited + " within " + WAIT);
        }
        return message;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Collects the protocol's messages, which may come in several frames each. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("not a DevTools message: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
