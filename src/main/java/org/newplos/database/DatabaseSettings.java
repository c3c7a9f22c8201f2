package org.newplos.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Everything the database lifecycle needs to know, bound once from the environment (a bean in the server,
 * {@link #from} once per command in the CLI): where the database is ({@code spring.datasource.*}, filled from
 * {@code DATABASE_URL} by the environment post-processor) and the {@code newplos.database.*} options.
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
        Duration retryMaxInterval,
        boolean lifecycleEnabled) {

    public static final List<String> DEFAULT_EXTENSIONS = List.of(Options.EXTENSIONS.split(","));

    /**
     * The {@code newplos.database.*} settings and their defaults: the one place the defaults are written (the
     * README's configuration table is checked against them by {@code SettingsDocumentationTests}).
     */
    public record Options(
            @DefaultValue("true") boolean provision,
            @DefaultValue("true") boolean migrateOnStart,
            @DefaultValue("") String adminUrl,
            @DefaultValue("") String locale,

            @DefaultValue({"pg_trgm", "btree_gin", "btree_gist"})
            List<String> extensions,

            @DefaultValue("2s") Duration migrationLockTimeout,
            @DefaultValue("10m") Duration migrationStatementTimeout,
            @DefaultValue("30s") Duration retryMaxInterval,
            @DefaultValue("true") boolean lifecycleEnabled,
            @DefaultValue("true") boolean embeddedEnabled,
            @DefaultValue("0") int embeddedPort) {

        public static final String PREFIX = "newplos.database";

        static final String EXTENSIONS = "pg_trgm,btree_gin,btree_gist";

        /**
         * The documented environment variables that predate the {@code newplos.database.*} family, and the key
         * each stands for ({@code NEWPLOS_MIGRATE_ON_START} is {@code newplos.migrate-on-start} to Spring). The
         * {@code NEWPLOS_DATABASE_*} forms work too and win.
         */
        public static final Map<String, String> LEGACY_NAMES = Map.of(
                "newplos.provision-database", PREFIX + ".provision",
                "newplos.migrate-on-start", PREFIX + ".migrate-on-start",
                "newplos.admin-database-url", PREFIX + ".admin-url");

        /** Binds {@code newplos.database.*}, the legacy names included. */
        public static Options from(Environment environment) {
            Map<String, Object> legacy = new HashMap<>();
            LEGACY_NAMES.forEach((old, key) -> {
                String value = environment.getProperty(old);
                if (value != null) {
                    legacy.put(key, value);
                }
            });
            List<ConfigurationPropertySource> sources = new ArrayList<>();
            ConfigurationPropertySources.get(environment).forEach(sources::add);
            sources.add(new MapConfigurationPropertySource(legacy)); // last: the new names win
            return new Binder(sources).bindOrCreate(PREFIX, Bindable.of(Options.class));
        }
    }

    /** Reads the settings; {@code spring.datasource.url} must be set (it is, unless no database is configured). */
    public static DatabaseSettings from(Environment environment) {
        Options options = Options.from(environment);
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
        return new DatabaseSettings(
                url,
                username,
                password,
                StringUtils.hasText(options.adminUrl()) ? DatabaseUrl.parse(options.adminUrl()) : null,
                options.provision(),
                options.migrateOnStart(),
                StringUtils.hasText(options.locale()) ? options.locale() : null,
                options.extensions(),
                Binder.get(environment)
                        .bind("spring.flyway.locations", Bindable.listOf(String.class))
                        .orElse(List.of("classpath:db/migration")),
                options.migrationLockTimeout(),
                options.migrationStatementTimeout(),
                options.retryMaxInterval(),
                options.lifecycleEnabled());
    }

    /** Host, port and database name, parsed once from the JDBC URL. */
    public DatabaseUrl target() {
        return DatabaseUrl.fromJdbc(jdbcUrl);
    }

    /** The URL with the password never shown. */
    public String describe() {
        DatabaseUrl t = target();
        return "postgres://" + (username.isEmpty() ? "" : username + (password.isEmpty() ? "" : ":****") + "@")
                + t.host() + ":" + t.port() + "/" + t.database();
    }
}
