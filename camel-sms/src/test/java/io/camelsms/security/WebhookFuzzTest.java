package io.camelsms.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.painel.PainelComponent;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.testing.LogCapture;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;
import io.camelsms.webcom.WebcomComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated malformed calls to every webhook (painel:callback, webcom:dlr, smsclouds:inbound,
 * smsclouds:keyword) over real HTTP, written on a raw socket so that what an HTTP client would refuse to send (bad
 * percent-encoding, odd methods, lying content types, huge and deeply nested JSON, invalid UTF-8, very long URIs)
 * reaches the server too. None may get a 5xx and no stack trace may reach the log. Seeded, so a failure repeats.
 */
class WebhookFuzzTest extends CamelTestSupport {

    private static final String SECRET = "fuzz-s3cr3t";
    private static final int CALLS = 3000;
    private static final int MAX_REQUEST_SIZE = 65_536;
    private static final List<String> PATHS = List.of("/sms/painel/callback", "/sms/webcom/dlr",
            "/sms/smsclouds/inbound", "/sms/smsclouds/keyword");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO", "get", "PROPFIND");
    private static final List<String> CONTENT_TYPES = List.of("", "application/x-www-form-urlencoded",
            "application/json", "text/json; charset=utf-8", "multipart/form-data", "multipart/form-data; boundary=xx",
            "text/plain", "application/octet-stream", ";;;", "application/json; charset=klingon", "text/xml",
            "application/x-www-form-urlencoded; charset=utf-16");

    @TempDir
    static Path data;
    private int port;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        String base = PlatformHttp.addServer(context);
        port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        TrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        context.getComponent("painel", PainelComponent.class).getConfiguration().setLogin("fuzz");
        context.getComponent("webcom", WebcomComponent.class).getConfiguration().setLogin("fuzz");
        context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration().setToken("fuzz");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String options = "?webhookSecret=" + SECRET + "&maxRequestSize=" + MAX_REQUEST_SIZE;
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("painel:callback" + options + "&defaultRegion=BR").to("mock:painel");
                from("webcom:dlr" + options).to("mock:webcom");
                from("smsclouds:inbound" + options + "&tracking=false").to("mock:inbound");
                from("smsclouds:keyword" + options).setBody(constant("gracias"));
            }
        };
    }

    @Test
    void noMalformedCallGetsA5xxOrAStackTrace() throws Exception {
        Random random = new Random(19);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            for (int i = 0; i < CALLS; i++) {
                byte[] request = malformedRequest(random);
                int status = send(request);
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500 && failures.size() < 5) {
                    failures.add(status + " for " + new String(request, 0, Math.min(300, request.length),
                            StandardCharsets.ISO_8859_1));
                }
            }
            lines = logs.infoAndAbove();
        }
        List<String> traces = lines.stream().filter(line -> line.contains("\n\tat ")).limit(3)
                .map(line -> line.substring(0, Math.min(1500, line.length()))).toList();
        assertEquals(List.of(), failures, () -> "statuses: " + statuses + "; traces: " + traces);
        System.out.println("webhook fuzz, calls by status (0: closed without an answer): " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 0 || s >= 200 && s < 500), statuses::toString);
        assertTrue(statuses.getOrDefault(400, 0) > CALLS / 10, () -> "most calls reach the parsers: " + statuses);
        assertEquals(List.of(), traces, "no stack trace in the log at INFO");
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(SECRET)).limit(3).toList(),
                "the secret, carried by most calls, is in no log line");
    }

    private byte[] malformedRequest(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS) + pathSuffix(random);
        String query = query(random);
        String contentType = pick(random, CONTENT_TYPES);
        byte[] body = body(random);
        StringBuilder head = new StringBuilder(method).append(' ').append(path);
        if (!query.isEmpty()) {
            head.append('?').append(query);
        }
        head.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        boolean chunked = random.nextInt(8) == 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked && body.length > 0) {
            out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (chunked) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static String pathSuffix(Random random) {
        return switch (random.nextInt(9)) {
            case 0, 1, 2, 3 -> "/" + SECRET;
            case 4 -> "/wrong";
            case 5 -> "/%zz" + SECRET;
            case 6 -> "/" + SECRET + "/%E0%A4%A";
            case 7 -> "/" + "a".repeat(random.nextInt(6000));
            default -> "";
        };
    }

    private static String query(Random random) {
        List<String> parts = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            parts.add(switch (random.nextInt(16)) {
                case 0 -> "data_callback=" + pick(random, List.of("3153;21988880041;;2026-12-01 18:00:00;sucesso;",
                        "x;y", ";;;;;;;;;;;;", "3153;%zz;;;", "3153;" + "9".repeat(300) + ";oi;2026-13-45 99:99:99;;",
                        "3153;21988880041;" + "%F0%9F%98%80".repeat(50) + ";2026-12-01 18:00:00;;k"));
                case 1 -> "cellphone=" + pick(random, List.of("4498987282", "", "abc", "%", "-1", "9".repeat(500)));
                case 2 -> "response=" + pick(random, List.of("Si", "", "%C3%28", "%00%01", "x".repeat(2000)));
                case 3 -> "message_id=" + pick(random, List.of("158562", "", "-5", "1e99", "9".repeat(40)));
                case 4 -> "date=" + pick(random, List.of("2026-12-01 18:00:00", "2026-12-01+18%3A00%3A00", "now", ""));
                case 5 -> "keyword=" + pick(random, List.of("promo", "", "%2", "a&b"));
                case 6 -> "secret=" + pick(random, List.of(SECRET, "", "wrong", "%zz"));
                case 7 -> "%";
                case 8 -> "%G1=%H2";
                case 9 -> "=";
                case 10 -> "&&";
                case 11 -> "a=%E0%A4%A";
                case 12 -> "x=" + "y".repeat(random.nextInt(20_000));
                case 13 -> "a[b][c]=1";
                case 14 -> "data_callback=%";
                default -> "secret=" + SECRET;
            });
        }
        return String.join("&", parts);
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> randomBytes(random, random.nextInt(2000));
            case 2 -> "a=b&c=%zz&secret=".concat(SECRET).getBytes(StandardCharsets.UTF_8);
            case 3 -> "[{\"id_sms\":82216,\"time\":\"2026-12-01 12:57:46\",\"state\":\"deliver\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> "[".repeat(random.nextInt(30_000)).getBytes(StandardCharsets.UTF_8);
            case 5 -> nestedObjects(random.nextInt(5_000)).getBytes(StandardCharsets.UTF_8);
            case 6 -> ("[{\"id_sms\":\"" + "9".repeat(random.nextInt(100_000)) + "\",\"state\":\"deliver\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            case 7 -> "[{\"id_sms\":{\"a\":1},\"state\":[1]}, 3, null, \"x\"]".getBytes(StandardCharsets.UTF_8);
            case 8 -> "[{\"id_sms\":1,\"time\":\"yesterday\",\"state\":\"\\ud800\"}]".getBytes(StandardCharsets.UTF_8);
            case 9 -> new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '[', ']'};
            case 10 -> "{\"a\":".repeat(2000).getBytes(StandardCharsets.UTF_8);
            case 11 -> ("[" + "{\"id_sms\":1,\"state\":\"send\"},".repeat(3000) + "]").getBytes(StandardCharsets.UTF_8);
            case 12 -> "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xx--".getBytes(StandardCharsets.UTF_8);
            case 13 -> "[1e999999999, -0, 123456789012345678901234567890]".getBytes(StandardCharsets.UTF_8);
            case 14 -> "[{\"id_sms\":1,\"time\":\"2026-12-01 12:57:46\",\"state\":\"deliver\"}]".repeat(2)
                    .getBytes(StandardCharsets.UTF_8);
            default -> "\u0000\u0000".getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The response's status code, or 0 when the server closed the connection without one. */
    private int send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 414, 400) and close before reading everything we write
            }
            InputStream in = socket.getInputStream();
            byte[] statusLine = new byte[12];
            int read = 0;
            try {
                while (read < statusLine.length) {
                    int n = in.read(statusLine, read, statusLine.length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
            } catch (IOException e) {
                return 0; // reset before an answer
            }
            String line = new String(statusLine, 0, read, StandardCharsets.ISO_8859_1);
            return line.startsWith("HTTP/1.") && read == 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
        }
    }
}
