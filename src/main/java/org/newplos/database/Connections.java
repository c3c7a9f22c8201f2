package org.newplos.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** Short-lived direct connections with bounded timeouts, outside the application's pool. */
final class Connections {

    private Connections() {}

    static Connection open(String jdbcUrl, String username, String password, int timeoutSeconds) throws SQLException {
        EmbeddedPostgresServer.awaitStarted();
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("socketTimeout", String.valueOf(Math.max(timeoutSeconds * 3, 10)));
        properties.setProperty("ApplicationName", "newplos-lifecycle");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The SQLSTATE of the first SQLException in the cause chain. */
    static @Nullable String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The server is away or busy (connection failure, shutting down, starting up, too many connections). */
    static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        if (state == null) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                    return true;
                }
            }
            return false;
        }
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
