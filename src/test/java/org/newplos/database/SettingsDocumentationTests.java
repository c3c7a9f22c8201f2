package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.StandardEnvironment;

/** The README's configuration table states the defaults that {@link DatabaseSettings.Options} really uses. */
class SettingsDocumentationTests {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void readmeTableStatesTheDatabaseDefaultsTheCodeUses() throws IOException {
        DatabaseSettings.Options defaults = DatabaseSettings.Options.from(emptyEnvironment());
        Map<String, String> table = configurationTable(Files.readString(Path.of("README.md")));

        assertThat(table.get("NEWPLOS_PROVISION_DATABASE")).isEqualTo(String.valueOf(defaults.provision()));
        assertThat(table.get("NEWPLOS_MIGRATE_ON_START")).isEqualTo(String.valueOf(defaults.migrateOnStart()));
        assertThat(table.get("NEWPLOS_DATABASE_EMBEDDED_ENABLED"))
                .isEqualTo(String.valueOf(defaults.embeddedEnabled()));
        assertThat(defaults.adminUrl()).isEmpty();
        assertThat(table.get("NEWPLOS_ADMIN_DATABASE_URL")).isEqualTo("unset");
        assertThat(defaults.locale()).isEmpty();
        assertThat(table.get("NEWPLOS_DATABASE_LOCALE")).isEqualTo("unset");
        assertThat(defaults.embeddedPort()).isZero();
        assertThat(table.get("NEWPLOS_DATABASE_EMBEDDED_PORT")).isEqualTo("unset");
        assertThat(duration(table.get("NEWPLOS_DATABASE_MIGRATION_LOCK_TIMEOUT")))
                .isEqualTo(defaults.migrationLockTimeout());
        assertThat(duration(table.get("NEWPLOS_DATABASE_MIGRATION_STATEMENT_TIMEOUT")))
                .isEqualTo(defaults.migrationStatementTimeout());
        assertThat(duration(table.get("NEWPLOS_DATABASE_RETRY_MAX_INTERVAL"))).isEqualTo(defaults.retryMaxInterval());
        assertThat(row(Files.readString(Path.of("README.md")), "NEWPLOS_PROVISION_DATABASE"))
                .contains(defaults.extensions().stream().map(x -> "`" + x + "`").toList());
    }

    @Test
    void theDocumentedEnvironmentVariableNamesStillSetTheDatabaseOptions() {
        StandardEnvironment environment = emptyEnvironment();
        environment
                .getPropertySources()
                .addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(
                                "NEWPLOS_MIGRATE_ON_START", "false",
                                "NEWPLOS_PROVISION_DATABASE", "false",
                                "NEWPLOS_ADMIN_DATABASE_URL", "postgres://admin@db:5432/postgres",
                                "NEWPLOS_DATABASE_MIGRATION_LOCK_TIMEOUT", "3s")));

        DatabaseSettings.Options options = DatabaseSettings.Options.from(environment);

        assertThat(options.migrateOnStart()).isFalse();
        assertThat(options.provision()).isFalse();
        assertThat(options.adminUrl()).isEqualTo("postgres://admin@db:5432/postgres");
        assertThat(options.migrationLockTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    private static StandardEnvironment emptyEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        List<String> names = new ArrayList<>();
        environment.getPropertySources().forEach(source -> names.add(source.getName()));
        names.forEach(environment.getPropertySources()::remove);
        return environment;
    }

    private static Duration duration(String value) {
        return DurationStyle.detectAndParse(value);
    }

    private static String row(String readme, String variable) {
        return readme.lines()
                .filter(line -> line.startsWith("| `" + variable + "`"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README has no row for " + variable));
    }

    /**
     * Variable to default, from rows such as {@code | `A`, `…_B` | `2s`, `10m` | …}; a default that is not code
     * ("*(unset: …)*", "random free port") reads as {@code unset}.
     */
    static Map<String, String> configurationTable(String readme) {
        Map<String, String> table = new LinkedHashMap<>();
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            List<String> names = codes(cells[1]);
            List<String> values = cells[2].strip().startsWith("`") ? codes(cells[2]) : List.of();
            String first = names.get(0);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).startsWith("…")
                        ? first.substring(0, first.indexOf('_', "NEWPLOS_".length()))
                                + names.get(i).substring(1)
                        : names.get(i);
                table.put(name, i < values.size() ? values.get(i) : "unset");
            }
        }
        return table;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
