package org.newplos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code newplos import members|spaces FILE}: the admin UI's CSV rules from the command line, for operators
 * moving from the old system. All rows or none; problems by line; exit codes 0, 1 and 2.
 */
@Tag("database")
class ImportCommandTests {

    static final TestDatabase server = TestDatabase.server();
    static String database;

    @TempDir
    static Path folder;

    @BeforeAll
    static void pointCommandsAtATestDatabase() {
        NewplosCommand.application = NewplosApplication.class;
        database = server.createDatabase("newplos_cli_import");
        System.setProperty("spring.datasource.url", server.jdbcUrl(database));
        System.setProperty("spring.datasource.username", server.username());
        System.setProperty("spring.datasource.password", server.password());
    }

    @AfterAll
    static void restore() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
        System.clearProperty("spring.datasource.password");
        server.dropDatabase(database);
    }

    @Test
    void aGoodMembersFileIsImportedWholeAndAuditedAndASecondRunFindsTheDuplicates() throws Exception {
        Path csv = file("members-good.csv", """
                full_name,email,phone,company,status,plan,joined_on,notes
                Ada Lovelace,ada.import@example.com,+44 20 7946 0000,Analytical Engines,ACTIVE,,2026-01-15,
                "Hopper, Grace",grace.import@example.com,,,paused,,,"likes ""COBOL"" a lot"
                """);
        Run run = run("import", "members", csv.toString());
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("Imported 2 members from " + csv);
        assertThat(count("SELECT count(*) FROM members WHERE email LIKE '%.import@example.com'"))
                .isEqualTo(2);
        assertThat(jdbc().sql("SELECT full_name || '|' || status || '|' || notes FROM members"
                                + " WHERE email = 'grace.import@example.com'")
                        .query(String.class)
                        .single())
                .isEqualTo("Hopper, Grace|PAUSED|likes \"COBOL\" a lot");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entity = 'member' AND action = 'created'"))
                .isGreaterThanOrEqualTo(2);

        Run again = run("import", "members", csv.toString());
        assertThat(again.code).isEqualTo(1);
        assertThat(again.err)
                .contains(csv + ":2: email: ada.import@example.com already belongs to a member")
                .contains("Nothing was imported");
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbersAndNothingIsImported() throws Exception {
        Path csv = file("members-bad.csv", """
                full_name,email,status,joined_on
                Alan Turing,alan.import@example.com,ACTIVE,2026-01-15
                ,not-an-email,SLEEPING,2026-13-01
                Alan Again,ALAN.import@example.com,,
                """);
        Run run = run("import", "members", csv.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err)
                .contains(csv + ":3: status: must be ACTIVE, PAUSED or LEFT, not SLEEPING")
                .contains(csv + ":3: joined_on: must be a date like 2026-01-31, not 2026-13-01")
                .contains(csv + ":3: full_name:")
                .contains(csv + ":3: email:")
                .contains(csv + ":4: email: repeats ALAN.import@example.com from line 2")
                .contains("Nothing was imported: ")
                .doesNotContain("Exception");
        assertThat(run.out).isEmpty();
        assertThat(count("SELECT count(*) FROM members WHERE email ILIKE 'alan.import@example.com'"))
                .as("the valid row is not half-imported")
                .isZero();
    }

    @Test
    void aDryRunChecksEverythingAndSavesNothing() throws Exception {
        Path csv = file("spaces.csv", """
                code,name,type,capacity,monthly_rate,location,active
                IMP-1,Import desk,desk,1,120.50,Floor 1,true
                IMP-2,Import studio,Meeting Room,8,900,Floor 2,no
                """);
        Run dry = run("import", "spaces", "--dry-run", csv.toString());
        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out).contains("All 2 rows of " + csv + " are valid; nothing was saved (--dry-run)");
        assertThat(count("SELECT count(*) FROM spaces WHERE code LIKE 'IMP-%'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE entity = 'space'"))
                .isZero();

        Run real = run("import", "SPACES", csv.toString());
        assertThat(real.code).as(real.err).isZero();
        assertThat(real.out).contains("Imported 2 spaces");
        assertThat(count("SELECT count(*) FROM spaces WHERE code LIKE 'IMP-%' AND type = 'MEETING_ROOM'"))
                .isEqualTo(1);

        Run badType = run(
                "import",
                "spaces",
                "--dry-run",
                file("spaces-bad.csv", "code,name,type,monthly_rate\nIMP-3,Broom cupboard,cupboard,-1\n")
                        .toString());
        assertThat(badType.code).isEqualTo(1);
        assertThat(badType.err).contains(":2: type: must be one of", ":2: monthly_rate:");
    }

    @Test
    void fileProblemsAreClear() throws Exception {
        Run missing = run("import", "members", folder.resolve("nope.csv").toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("FILE " + folder.resolve("nope.csv") + " does not exist");

        Run unknownKind = run("import", "plans", file("plans.csv", "name\n").toString());
        assertThat(unknownKind.code).isEqualTo(2);
        assertThat(unknownKind.err).contains("MEMBERS", "SPACES");

        Run noFile = run("import", "members");
        assertThat(noFile.code).isEqualTo(2);
        assertThat(noFile.err).contains("FILE");

        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "full_name,email\nJos\u00e9,jose@example.com\n".getBytes("ISO-8859-1"));
        Run notUtf8 = run("import", "members", latin1.toString());
        assertThat(notUtf8.code).isEqualTo(1);
        assertThat(notUtf8.err).contains("not UTF-8 text");

        Run noColumns = run(
                "import",
                "members",
                file("wrong.csv", "name,mail\nA,a@example.com\n").toString());
        assertThat(noColumns.code).isEqualTo(1);
        assertThat(noColumns.err)
                .contains(":1: file: The file has no column ", "full_name", "email", "Nothing was imported.");
    }

    @Test
    void importExplainsItself() {
        Run help = run("import", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out)
                .contains("Usage: newplos import", "KIND", "FILE", "--dry-run", "Exit codes:")
                .contains("members columns: full_name, email", "spaces columns: code, name, type, monthly_rate");
    }

    private static Path file(String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content);
    }

    private static long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(new SimpleDriverDataSource(
                new org.postgresql.Driver(), server.jdbcUrl(database), server.username(), server.password()));
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
