package org.newplos.database;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Everything the database lifecycle needs to know, read once from the environment: where the database is
 * ({@code spring.datasource.*}, filled from {@code DATABASE_URL} by the environment post-processor), the admin
 * connection for provisioning, and the switches {@code NEWPLOS_PROVISION_DATABASE} and
 * {@code NEWPLOS_MIGRATE_ON_START}.
 */
public record DatabaseSettings(
        String jdbcUrl,
        String username,
        String password,
        @Nullable DatabaseUrl adminUrl,
        boolean provision,
        boolean migrateOnStart,
        @Nullable String locale,
        List<String> extensions,
        List<String> locations,
        Duration lockTimeout,
        Duration statementTimeout,
        Duration retryMaxInterval) {

    public static final List<String> DEFAULT_EXTENSIONS = List.of("pg_trgm", "btree_gin", "btree_gist");

    /** Reads the settings; {@code spring.datasource.url} must be set (it is, unless no database is configured). */
    public static DatabaseSettings from(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        String url = environment.getProperty("spring.datasource.url");
        String username = environment.getProperty("spring.datasource.username", "");
        String password = environment.getProperty("spring.datasource.password", "");
        if (!StringUtils.hasText(url)) {
            String databaseUrl = environment.getProperty("DATABASE_URL");
            if (!StringUtils.hasText(databaseUrl)) {
                throw new IllegalStateException("No database configured: set DATABASE_URL"
                        + " (postgres://user:password@host:5432/database); the embedded database of the local run"
                        + " exists only while Newplos runs");
            }
            DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
            url = parsed.jdbcUrl();
            username = parsed.username() == null ? "" : parsed.username();
            password = parsed.password() == null ? "" : parsed.password();
        }
        String admin = environment.getProperty("newplos.admin-database-url");
        return new DatabaseSettings(
                url,
                username,
                password,
                StringUtils.hasText(admin) ? DatabaseUrl.parse(admin) : null,
                environment.getProperty("newplos.provision-database", Boolean.class, true),
                environment.getProperty("newplos.migrate-on-start", Boolean.class, true),
                environment.getProperty("newplos.database.locale"),
                binder.bind("newplos.database.extensions", Bindable.listOf(String.class))
                        .orElse(DEFAULT_EXTENSIONS),
                binder.bind("spring.flyway.locations", Bindable.listOf(String.class))
                        .orElse(List.of("classpath:db/migration")),
                binder.bind("newplos.database.migration-lock-timeout", Duration.class)
                        .orElse(Duration.ofSeconds(10)),
                binder.bind("newplos.database.migration-statement-timeout", Duration.class)
                        .orElse(Duration.ofMinutes(10)),
                binder.bind("newplos.database.retry-max-interval", Duration.class)
                        .orElse(Duration.ofSeconds(30)));
    }

    /** Host, port and database name, parsed from the JDBC URL. */
    public Target target() {
        return Target.parse(jdbcUrl);
    }

    /** The URL with the password never shown. */
    public String describe() {
        Target t = target();
        return "postgres://" + (username.isEmpty() ? "" : username + (password.isEmpty() ? "" : ":****") + "@")
                + t.host() + ":" + t.port() + "/" + t.database();
    }

    /** Where a JDBC URL points. */
    public record Target(String host, int port, String database, String query) {

        static Target parse(String jdbcUrl) {
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
            return new Target(host.isEmpty() ? "localhost" : host, port, database, query);
        }

        /** A JDBC URL for another database on the same server, keeping the query parameters. */
        public String jdbcUrl(String otherDatabase) {
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + hostPart + ":" + port + "/" + otherDatabase
                    + (query.isEmpty() ? "" : "?" + query);
        }
    }
}
