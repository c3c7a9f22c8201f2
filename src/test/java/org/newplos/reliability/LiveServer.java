package org.newplos.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * One real Newplos server per test JVM for the reliability suite: the packaged application class on a
 * random loopback port, with a fresh database of its own on the test PostgreSQL server, reached through a
 * DATABASE_URL that carries a password (so the log scan has a DSN secret to look for). Users for every
 * role have bcrypt hashes of strength 4, so HTTP Basic costs ~1 ms per request instead of ~100 ms. All
 * log events of the server are kept in memory for the secret scan.
 */
final class LiveServer {

    static final String ADMIN = "rel-admin@example.com";
    static final String STAFF = "rel-staff@example.com";
    static final String VIEWER = "rel-viewer@example.com";
    /** The secrets the log scan looks for. */
    static final String PASSWORD = "Rel-pass-" + Long.toHexString(System.nanoTime()) + "-x9";

    static final String DB_PASSWORD = "Rel-dsn-" + Long.toHexString(System.nanoTime()) + "-q7";

    private static LiveServer instance;

    final ConfigurableApplicationContext context;
    final String base;
    final String jdbcUrl;
    final String dbUser;
    final String databaseUrl;
    final HttpClient http;
    final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();

    private LiveServer() {
        TestDatabase server = TestDatabase.server();
        String database = server.createDatabase("newplos_rel");
        dbUser = TestDatabase.uniqueName("rel_user");
        server.execute("CREATE ROLE " + dbUser + " LOGIN SUPERUSER PASSWORD '" + DB_PASSWORD + "'");
        jdbcUrl = server.jdbcUrl(database);
        databaseUrl = server.databaseUrl(dbUser, DB_PASSWORD, database);
        context = new SpringApplicationBuilder(NewplosApplication.class)
                .listeners(event -> {
                    if (event instanceof ApplicationPreparedEvent) {
                        attachLogCapture();
                    }
                })
                .run(
                        "--DATABASE_URL=" + databaseUrl,
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--newplos.bootstrap-admin=false",
                        // every request comes from 127.0.0.1: the per-client limit of sign-in links would
                        // otherwise be reached by the authorisation matrix alone
                        "--newplos.portal.requests-per-client=10000");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        for (String[] user : new String[][] {{ADMIN, "ADMIN"}, {STAFF, "STAFF"}, {VIEWER, "VIEWER"}}) {
            sql("INSERT INTO users (email, display_name, role, password_hash) VALUES ('" + user[0] + "', '" + user[1]
                    + " user', '" + user[1] + "', '" + hash + "')");
        }
    }

    static synchronized LiveServer get() {
        if (instance == null) {
            instance = new LiveServer();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close, "live-server-stop"));
        }
        return instance;
    }

    private void attachLogCapture() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                StringBuilder line = new StringBuilder(event.getFormattedMessage());
                IThrowableProxy error = event.getThrowableProxy();
                if (error != null) {
                    line.append('\n').append(ThrowableProxyUtil.asString(error));
                }
                logLines.add(line.toString());
            }
        };
        appender.setContext(logging);
        appender.setName("reliability-capture");
        appender.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> json(String method, String path, String user, String body) {
        HttpRequest.Builder builder = request(path).header("Accept", "application/json");
        if (user != null) {
            builder.header("Authorization", basic(user));
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return send(builder.build());
    }

    /** POSTs JSON as ADMIN, expects 201 and returns the new id. */
    long create(String path, String body) {
        HttpResponse<String> response = json("POST", path, ADMIN, body);
        if (response.statusCode() != 201) {
            throw new AssertionError(
                    "POST " + path + " " + body + " -> " + response.statusCode() + " " + response.body());
        }
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!id.find()) {
            throw new AssertionError("no id in " + response.body());
        }
        return Long.parseLong(id.group(1));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, DB_PASSWORD);
    }

    void sql(String statement) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    long count(String query) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** An md5 of every row of every application table: equal before and after means nothing changed. */
    Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT LIKE 'flyway%' AND tablename NOT LIKE 'spring_session%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                        + " ORDER BY t::text)), '') FROM " + table + " t")) {
                    rs.next();
                    sums.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }
}
