package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newplos.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/** S1, S2, S3 and the encoding check: provisioning on real PostgreSQL with roles of different rights. */
@Tag("database")
class ProvisioningTests {

    static TestDatabase server = TestDatabase.server();
    final List<String> databases = new ArrayList<>();
    final List<String> roles = new ArrayList<>();

    @AfterEach
    void dropWhatTheTestMade() {
        databases.forEach(server::dropDatabase);
        roles.forEach(role -> server.execute("DROP ROLE IF EXISTS " + role));
    }

    @Test
    void s1MissingDatabaseIsCreatedWithUtf8AndExtensionsMigratedAndReady() throws Exception {
        String database = track(TestDatabase.uniqueName("newplos_s1"));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = LifecycleSupport.start(server, database)) {
            assertThat(LifecycleSupport.status(app, "/readyz")).isEqualTo(200);
            System.out.printf(
                    "S1 start-to-ready on a fresh database (%s): %d ms%n",
                    server.kind(), (System.nanoTime() - started) / 1_000_000);
            assertThat(LifecycleSupport.status(app, "/livez")).isEqualTo(200);
        }
        try (Connection c =
                DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password())) {
            assertThat(Provisioning.encoding(c)).isEqualTo("UTF8");
            assertThat(Provisioning.missingExtensions(c, DatabaseSettings.DEFAULT_EXTENSIONS))
                    .isEmpty();
            try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(3);
            }
        }
        long again = System.nanoTime();
        try (ConfigurableApplicationContext app = LifecycleSupport.start(server, database)) {
            assertThat(LifecycleSupport.status(app, "/readyz")).isEqualTo(200);
            System.out.printf(
                    "start-to-ready on a migrated database (%s): %d ms%n",
                    server.kind(), (System.nanoTime() - again) / 1_000_000);
        }
    }

    @Test
    void s2RoleThatMayNotCreateTheDatabaseGetsTheExactSql() {
        String role = role("NOCREATEDB");
        String database = track(TestDatabase.uniqueName("newplos_s2"));
        Provisioning provisioning = new Provisioning(settings(database, role, Map.of()));
        assertThatThrownBy(provisioning::provision)
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("CREATE DATABASE \"" + database + "\" OWNER \"" + role
                        + "\" ENCODING 'UTF8' TEMPLATE template0")
                .hasMessageContaining("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
                .hasMessageContaining("CREATE EXTENSION IF NOT EXISTS btree_gin;")
                .hasMessageContaining("CREATE EXTENSION IF NOT EXISTS btree_gist;")
                .satisfies(e ->
                        assertThat(((DatabaseSetupException) e).isTransient()).isFalse());
        // and the application refuses to start with that message
        assertThatThrownBy(() -> LifecycleSupport.start(server.jdbcUrl(database), role, "secret"))
                .hasStackTraceContaining("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\"");
    }

    @Test
    void s2ThenTheAdministratorsSqlMakesItWork() {
        String role = role("NOCREATEDB");
        String database = track(TestDatabase.uniqueName("newplos_s2b"));
        DatabaseSettings settings = settings(database, role, Map.of());
        server.execute(new Provisioning(settings).createDatabaseSql());
        assertThat(new Provisioning(settings).provision()).contains("created extension pg_trgm");
        assertThat(new Migrations(settings).migrate()).isNotEmpty();
    }

    @Test
    void roleWithCreatedbCreatesTheDatabaseItOwns() {
        String role = role("CREATEDB");
        String database = track(TestDatabase.uniqueName("newplos_owned"));
        DatabaseSettings settings = settings(database, role, Map.of());
        assertThat(new Provisioning(settings).provision()).contains("created database " + database);
        assertThat(new Migrations(settings).migrate()).isNotEmpty();
        assertThat(new Migrations(settings).status().upToDate()).isTrue();
    }

    @Test
    void s3ExtensionTheRoleMayNotCreateIsNamedWithTheSql() {
        String role = role("NOCREATEDB");
        String database = track(TestDatabase.uniqueName("newplos_s3"));
        server.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0"); // owned by postgres
        assertThatThrownBy(() -> new Provisioning(settings(database, role, Map.of())).provision())
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("pg_trgm")
                .hasMessageContaining("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
    }

    @Test
    void s3ExtensionNotInstalledOnTheServerIsNamed() {
        String database = track(TestDatabase.uniqueName("newplos_s3b"));
        DatabaseSettings settings = settings(
                database,
                server.username(),
                Map.of("newplos.database.extensions", "pg_trgm,newplos_no_such_extension"));
        assertThatThrownBy(() -> new Provisioning(settings).provision())
                .hasMessageContaining("newplos_no_such_extension")
                .hasMessageContaining("not installed on the server")
                .hasMessageContaining("CREATE EXTENSION IF NOT EXISTS newplos_no_such_extension;");
    }

    @Test
    void aNonUtf8DatabaseIsReported() {
        String database = track(TestDatabase.uniqueName("newplos_latin1"));
        server.execute(
                "CREATE DATABASE " + database + " ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        assertThatThrownBy(() -> new Provisioning(settings(database, server.username(), Map.of())).provision())
                .hasMessageContaining("encoding LATIN1")
                .hasMessageContaining("UTF8");
    }

    @Test
    void provisioningOffRefusesAMissingDatabaseWithTheSql() {
        String database = TestDatabase.uniqueName("newplos_noprov");
        assertThatThrownBy(() -> new Provisioning(
                                settings(database, server.username(), Map.of("newplos.provision-database", "false")))
                        .provision())
                .hasMessageContaining("NEWPLOS_PROVISION_DATABASE is off")
                .hasMessageContaining("CREATE DATABASE \"" + database + "\"");
    }

    private DatabaseSettings settings(String database, String role, Map<String, Object> extra) {
        String password = role.equals(server.username()) ? server.password() : "secret";
        return LifecycleSupport.settings(server.jdbcUrl(database), role, password, extra);
    }

    private String track(String database) {
        databases.add(database);
        return database;
    }

    /** A login role with a password (PG15 on 127.0.0.1 trusts it anyway; embedded PG checks nothing either). */
    private String role(String createdb) {
        String role = TestDatabase.uniqueName("newplos_role");
        server.execute("CREATE ROLE " + role + " LOGIN " + createdb + " PASSWORD 'secret'");
        roles.add(role);
        return role;
    }
}
