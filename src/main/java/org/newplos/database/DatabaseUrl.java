package org.newplos.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db?sslmode=require}), the form the
 * original compose file and most platforms use, turned into what JDBC needs.
 */
public record DatabaseUrl(
        String host,
        int port,
        String database,
        @Nullable String username,
        @Nullable String password,
        String query) {

    private static final String EXAMPLE = "postgres://user:password@host:5432/database";

    public static DatabaseUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw invalid(value, "it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
            throw invalid(value, "the scheme must be postgres:// or postgresql://");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw invalid(value, "it names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0) {
            throw invalid(value, "it must name exactly one database after the host, as in " + EXAMPLE);
        }
        String database = decode(path.substring(1));
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new DatabaseUrl(
                host, port, database, username, password, uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    /** Where a JDBC URL ({@code jdbc:postgresql://host:port/db?query}) points; no credentials. */
    public static DatabaseUrl fromJdbc(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new DatabaseUrl(host.isEmpty() ? "localhost" : host, port, database, null, null, query);
    }

    /** A JDBC URL for another database on the same server, keeping the query parameters. */
    public String jdbcUrl(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, username, password, query).jdbcUrl();
    }

    /** The JDBC URL; query parameters such as {@code sslmode} are passed through to the driver. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL with the password masked, safe for logs and {@code doctor}. */
    public String masked() {
        String user = username == null ? "" : username + (password == null ? "" : ":****") + "@";
        return "postgres://" + user + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static InvalidDatabaseUrlException invalid(String value, String reason) {
        return new InvalidDatabaseUrlException("DATABASE_URL is not usable: " + reason + ". Expected the form "
                + EXAMPLE + " (got: " + maskRaw(value) + ").");
    }

    private static String maskRaw(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@]*@", "$1****@");
    }

    /** Thrown for a DATABASE_URL that cannot be used; its message says what is wrong and what is expected. */
    public static class InvalidDatabaseUrlException extends IllegalArgumentException {
        InvalidDatabaseUrlException(String message) {
            super(message);
        }
    }
}
