package io.camelsms.pwapi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.camelsms.core.ServiceLocations;
import io.camelsms.core.SmsProviderException;
import io.camelsms.observability.CachedHealthCheck;

/**
 * pwapi's health check. PW-API 4.0 documents SEND_MESSAGE only: no balance, status or login call a check could make
 * without sending a message, so it only opens a TCP connection to the host (and completes the TLS handshake over
 * https) and says so; the credential is not checked. Through a proxy it only reaches the proxy.
 */
final class PwapiReachability implements CachedHealthCheck.Probe {

    private final PwapiConfiguration configuration;
    private final String host;
    private final int port;
    private final boolean tls;
    private final SSLContext sslContext;

    PwapiReachability(PwapiConfiguration configuration) {
        this.configuration = configuration;
        URI uri = URI.create(configuration.getBaseUrl().strip());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("pwapi: baseUrl must be an http:// or https:// URL, was '"
                                               + ServiceLocations.withoutSecrets(configuration.getBaseUrl()) + "'");
        }
        this.tls = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        this.sslContext = configuration.sslContext(PwapiProducer.PROVIDER);
    }

    @Override
    public boolean check(HealthCheckResultBuilder builder) {
        boolean proxy = configuration.getProxyHost() != null && !configuration.getProxyHost().isBlank();
        String target = proxy ? configuration.getProxyHost().strip() + ":" + configuration.getProxyPort()
                : host + ":" + port;
        int timeout = (int) Math.min(Integer.MAX_VALUE, configuration.getConnectTimeout());
        try (Socket socket = new Socket()) {
            socket.connect(proxy ? new InetSocketAddress(configuration.getProxyHost().strip(),
                    configuration.getProxyPort()) : new InetSocketAddress(host, port), timeout);
            if (tls && !proxy) {
                socket.setSoTimeout(timeout);
                SSLSocketFactory factory = sslContext != null ? sslContext.getSocketFactory()
                        : (SSLSocketFactory) SSLSocketFactory.getDefault();
                try (SSLSocket secured = (SSLSocket) factory.createSocket(socket, host, port, false)) {
                    secured.startHandshake();
                }
            }
        } catch (IOException e) {
            throw new SmsProviderException(PwapiProducer.PROVIDER, null, "cannot reach " + target + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    SmsProviderException.Failure.REFUSED_TRY_LATER, 0, e);
        }
        builder.up().message("pwapi: reachable only (" + (proxy ? "TCP connect to the proxy" : tls
                ? "TCP connect and TLS handshake" : "TCP connect") + "); PW-API documents no call that checks"
                + " the credential without sending a message")
                .detail("reachability", proxy ? "proxy" : tls ? "tls" : "tcp")
                .detail("credentialChecked", false);
        return true;
    }
}
