package io.camelsms.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A tiny HTTP forward proxy on a free loopback port: it reads requests with an absolute URI, keeps each
 * request's head as received, and forwards it (one request per connection, {@code Connection: close}) to the host
 * in the URI; a {@code CONNECT host:port} opens a tunnel (an https call). With credentials set it answers
 * {@code 407} to a request without the matching {@code Proxy-Authorization} and forwards nothing.
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final String expectedAuthorization;
    private final List<String> heads = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private int forwarded;

    public CountingProxy(String username, String password) throws IOException {
        this.expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "counting-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The heads (request line and headers) of every request received, in order. */
    public synchronized List<String> heads() {
        return List.copyOf(heads);
    }

    /** How many requests were forwarded to their target (a tunnel counts as one). */
    public synchronized int forwarded() {
        return forwarded;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> {
                    try (client) {
                        handle(client);
                    } catch (IOException e) {
                        // closed, or the client went away
                    }
                }, "counting-proxy-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void handle(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        String head = readHead(in);
        if (head == null) {
            return;
        }
        synchronized (this) {
            heads.add(head);
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        byte[] body = in.readNBytes(contentLength(lines));
        if (expectedAuthorization != null && !expectedAuthorization.equals(header(lines, "proxy-authorization"))) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                       + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return;
        }
        if (requestLine[0].equals("CONNECT")) {
            tunnel(client, requestLine[1]);
            return;
        }
        URI target = URI.create(requestLine[1]);
        StringBuilder upstreamHead = new StringBuilder(requestLine[0]).append(' ').append(target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':')).toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection")) {
                upstreamHead.append(lines[i]).append("\r\n");
            }
        }
        upstreamHead.append("Connection: close\r\n\r\n");
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            OutputStream toTarget = upstream.getOutputStream();
            toTarget.write(upstreamHead.toString().getBytes(StandardCharsets.US_ASCII));
            toTarget.write(body);
            toTarget.flush();
            synchronized (this) {
                forwarded++;
            }
            upstream.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket upstream = new Socket(authority.substring(0, colon),
                Integer.parseInt(authority.substring(colon + 1)))) {
            synchronized (this) {
                forwarded++;
                open.add(client);
                open.add(upstream);
            }
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Thread back = new Thread(() -> {
                try {
                    upstream.getInputStream().transferTo(client.getOutputStream());
                } catch (IOException e) {
                    // one side closed
                }
            }, "counting-proxy-tunnel");
            back.setDaemon(true);
            back.start();
            client.getInputStream().transferTo(upstream.getOutputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return head.toString(StandardCharsets.US_ASCII).strip();
            }
        }
        return null;
    }

    private static int contentLength(String[] lines) {
        String value = header(lines, "content-length");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        server.close();
        synchronized (this) {
            for (Socket socket : open) {
                socket.close();
            }
        }
        thread.join();
    }
}
