package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTests {

    @Test
    void readsEveryPartOfAFullUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://newplos:s3cret@db.internal:6543/newplos_prod?sslmode=require");
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("newplos_prod");
        assertThat(url.username()).isEqualTo("newplos");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/newplos_prod?sslmode=require");
    }

    @Test
    void defaultsThePortAndAcceptsThePostgresqlScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://127.0.0.1/newplos");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/newplos");
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsPlusSigns() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%3Ass+w%2Fd@localhost:5432/db");
        assertThat(url.username()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p:ss+w/d");
    }

    @Test
    void masksThePasswordForLogsAndDoctor() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://newplos:s3cret@db:5432/newplos");
        assertThat(url.masked())
                .isEqualTo("postgres://newplos:****@db:5432/newplos")
                .doesNotContain("s3cret");
    }

    @Test
    void bracketsIpv6Hosts() {
        assertThat(DatabaseUrl.parse("postgres://u@[::1]:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://u:p@host:3306/db",
                "postgres://u:p@host:5432",
                "postgres://u:p@host:5432/",
                "postgres://u:p@host:5432/a/b",
                "postgres:///db",
                "not a url at all",
                "jdbc:postgresql://host/db"
            })
    void refusesUnusableUrlsWithAMessageSayingWhatIsExpected(String value) {
        assertThatThrownBy(() -> DatabaseUrl.parse(value))
                .isInstanceOf(DatabaseUrl.InvalidDatabaseUrlException.class)
                .hasMessageStartingWith("DATABASE_URL is not usable: ")
                .hasMessageContaining("postgres://user:password@host:5432/database");
    }

    @Test
    void neverEchoesThePasswordOfABadUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://app:topsecret@host/db"))
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("mysql://app:****@host/db");
    }
}
