package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** migrate, migrate --check, migrate --info and doctor [--json] against real PostgreSQL (S4, S5 via doctor). */
@Tag("database")
class MigrateAndDoctorTests {

    static TestDatabase server = TestDatabase.server();
    final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void application() {
        NewplosCommand.application = NewplosApplication.class;
    }

    @AfterEach
    void drop() {
        databases.forEach(server::dropDatabase);
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate --help", "doctor --help"})
    void helpWithExitCodes(String args) {
        Run run = run(args.split(" "));
        assertThat(run.code).isZero();
        assertThat(run.out).contains("Usage:", "Exit codes:");
    }

    @Test
    void s4CheckOnAnEmptyDatabaseExits1ListingVersionsThenMigrateThenCheckPasses() {
        String database = database();
        Run check =
                run("migrate", "--check", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(check.code).as(check.out + check.err).isEqualTo(1);
        assertThat(check.out).contains("PENDING   V1 core schema", "PENDING   V2", "PENDING   V3");

        Run doctor = run(
                "doctor",
                "-D",
                "spring.datasource.url=" + server.jdbcUrl(database),
                user(),
                pass(),
                "-D",
                "newplos.migrate-on-start=false",
                "--server-url",
                "http://127.0.0.1:" + closedPort());
        assertThat(doctor.code).isEqualTo(1);
        assertThat(doctor.out).containsPattern("FAIL migrations: .*pending");

        Run migrate = run("migrate", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(migrate.code).as(migrate.out + migrate.err).isZero();
        assertThat(migrate.out).contains("Applied V1 core schema");

        Run again =
                run("migrate", "--check", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(again.code).isZero();
        Run info = run("migrate", "--info", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(info.code).isZero();
        assertThat(info.out).contains("Version", "core schema", "Success", "V1__core_schema.sql");
    }

    @Test
    void migrateCreatesAMissingDatabase() {
        String database = TestDatabase.uniqueName("newplos_cli_fresh");
        databases.add(database);
        Run migrate = run("migrate", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(migrate.code).as(migrate.err).isZero();
        assertThat(migrate.out).contains("Provisioned: created database " + database, "Applied V1");
    }

    @Test
    void aSettingGivenToACommandWinsOverThePackagedDefault() {
        String database = TestDatabase.uniqueName("newplos_cli_locations");
        databases.add(database);
        Run migrate = run(
                "migrate",
                "-D",
                "spring.datasource.url=" + server.jdbcUrl(database),
                "-D",
                "spring.flyway.locations=classpath:db/migration,classpath:db/locking",
                user(),
                pass());
        assertThat(migrate.code).as(migrate.err).isZero();
        assertThat(migrate.out).contains("Applied V1 core schema", "Applied V9100 locking add column");
    }

    @Test
    void checkOnAMissingDatabaseExits1() {
        String database = TestDatabase.uniqueName("newplos_cli_none");
        Run check =
                run("migrate", "--check", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(check.code).isEqualTo(1);
        assertThat(check.err).contains("does not exist", "CREATE DATABASE");
    }

    @Test
    void doctorJsonOnAHealthySetup() throws Exception {
        String database = database();
        run("migrate", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        long started = System.nanoTime();
        Run doctor = run(
                "doctor",
                "--json",
                "-D",
                "spring.datasource.url=" + server.jdbcUrl(database),
                user(),
                pass(),
                "--server-url",
                "http://127.0.0.1:" + closedPort());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("doctor with the server up: " + millis + " ms\n" + doctor.out);
        assertThat(doctor.code).as(doctor.out).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(doctor.out);
        assertThat(json.get("ok").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        json.get("checks").forEach(c -> names.add(c.get("name").asString()));
        assertThat(names)
                .containsExactly(
                        "configuration",
                        "server reachable",
                        "database exists",
                        "encoding",
                        "extensions",
                        "migrations",
                        "readiness",
                        "tracing",
                        "error tracking",
                        "smtp");
        json.get("checks").forEach(c -> assertThat(c.get("status").asString()).isIn("PASS", "WARN"));
        assertThat(millis).isLessThan(2000);
        if (!server.password().isEmpty()) {
            assertThat(doctor.out).doesNotContain(server.password());
        }
    }

    @Test
    void doctorJsonWhenTheServerIsDownFailsFastAndSaysWhy() throws Exception {
        int port = closedPort();
        long started = System.nanoTime();
        Run doctor = run(
                "doctor",
                "--json",
                "-D",
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/newplos",
                "-D",
                "spring.datasource.username=app",
                "-D",
                "spring.datasource.password=s3cret-value",
                "--server-url",
                "http://127.0.0.1:" + port);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("doctor with the server down: " + millis + " ms\n" + doctor.out);
        assertThat(doctor.code).isEqualTo(1);
        assertThat(millis).isLessThan(6000);
        assertThat(doctor.out).doesNotContain("s3cret-value").contains("app:****");
        JsonNode json = JsonMapper.builder().build().readTree(doctor.out);
        assertThat(json.get("ok").asBoolean()).isFalse();
        JsonNode reachable = json.get("checks").get(1);
        assertThat(reachable.get("name").asString()).isEqualTo("server reachable");
        assertThat(reachable.get("status").asString()).isEqualTo("FAIL");
        assertThat(reachable.get("fix").asString()).contains("DATABASE_URL");
    }

    @Test
    void doctorNamesAnEditedMigration() {
        String database = database();
        run("migrate", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        try (var c =
                java.sql.DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password())) {
            c.createStatement().execute("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Run doctor = run("doctor", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(doctor.code).isEqualTo(1);
        assertThat(doctor.out).containsPattern("FAIL migrations: .*V2__").contains("fix:");
        Run check =
                run("migrate", "--check", "-D", "spring.datasource.url=" + server.jdbcUrl(database), user(), pass());
        assertThat(check.code).isEqualTo(1);
        assertThat(check.out).contains("MISMATCH", "V2__");
    }

    private String database() {
        String name = server.createDatabase("newplos_cli_db");
        databases.add(name);
        return name;
    }

    private static String user() {
        return "-Dspring.datasource.username=" + server.username();
    }

    private static String pass() {
        return "-Dspring.datasource.password=" + server.password();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NewplosCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {}
}
