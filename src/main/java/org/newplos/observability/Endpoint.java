package org.newplos.observability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Where telemetry goes, and whether something listens there (a TCP connect, nothing sent). */
record Endpoint(String url, String host, int port) {

    static @Nullable Endpoint parse(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return new Endpoint(redacted(uri), uri.getHost(), port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL without user info (a Sentry DSN's key). */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    /** Null when something accepts connections, else why not. */
    @Nullable
    String unreachable(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
