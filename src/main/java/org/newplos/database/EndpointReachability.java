package org.newplos.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** A TCP connect with a short timeout: is anything listening at an endpoint's host and port? */
final class EndpointReachability {

    private EndpointReachability() {}

    /** Null when reachable, else why not. */
    static String problem(String url, int defaultPort, int timeoutMillis) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                return "no host in " + url;
            }
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : defaultPort);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
            }
            return null;
        } catch (IllegalArgumentException | IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
