package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Fuzzy member search (pg_trgm): tolerant of typos and partial input, best match first. */
@IntegrationTest
@TestPropertySource(properties = "newplos.test.context=member-search")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberSearchTests {

    @Autowired
    Members members;

    @Autowired
    MemberSearch search;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void someMembers() {
        for (String[] m : new String[][] {
            {"Margaret Hamilton", "margaret@apollo.example"},
            {"Margarita Lopez", "mlopez@example.com"},
            {"Linus Torvalds", "linus@kernel.example"},
            {"Barbara Liskov", "liskov@mit.example"},
            {"Tim Berners-Lee", "timbl@w3.example"},
            {"Ann 100% Sure", "ann_percent@example.com"}
        }) {
            members.create(new MemberRequest(m[0], m[1], null, null, null, null, null, null));
        }
        // Many namesakes and near-namesakes, as a common name has: more strong matches than a page holds.
        String[][] namesakes = {
            {"Ada Lovelace", "12"}, {"Ada Lovelance", "6"}, {"Adah Lovelock", "4"}, {"Lovelace Ada", "3"}
        };
        int n = 0;
        for (String[] namesake : namesakes) {
            for (int i = 0; i < Integer.parseInt(namesake[1]); i++) {
                n++;
                members.create(new MemberRequest(
                        namesake[0], "ada" + n + "@engine.example", null, null, null, null, null, null));
            }
        }
    }

    @Test
    void findsAMemberByAMisspeltName() {
        assertThat(names("Margret Hamilton")).first().isEqualTo("Margaret Hamilton");
        assertThat(names("Linus Torvalsd")).first().isEqualTo("Linus Torvalds");
        assertThat(names("barbra liskow")).first().isEqualTo("Barbara Liskov");
    }

    @Test
    void findsByPartOfTheNameOrEmailIgnoringCase() {
        assertThat(names("berners")).first().isEqualTo("Tim Berners-Lee");
        assertThat(names("KERNEL.example")).first().isEqualTo("Linus Torvalds");
    }

    @Test
    void ranksTheClosestMatchFirst() {
        assertThat(names("Margarita")).first().isEqualTo("Margarita Lopez");
        assertThat(names("Margaret")).first().isEqualTo("Margaret Hamilton");
    }

    @Test
    void treatsLikeWildcardsAsPlainText() {
        assertThat(names("100%")).containsExactly("Ann 100% Sure");
        assertThat(names("n_p")).containsExactly("Ann 100% Sure");
    }

    @Test
    void findsNothingForUnrelatedText() {
        assertThat(names("zzzqqq")).isEmpty();
    }

    @Test
    void findsAnEmailWithATypoButNotEveryAddressOnTheSameDomain() {
        assertThat(names("margaret@apolo.example")).first().isEqualTo("Margaret Hamilton");
        assertThat(names("linux@kernel.example")).first().isEqualTo("Linus Torvalds");
        // Similar at pg_trgm's 0.3 (same domain), but emails must be nearly the same (0.8) to match.
        assertThat(names("nobody@engine.example")).isEmpty();
    }

    @Test
    void answersAsIfEveryMatchWereRankedWhateverThePageSize() {
        // Members.search matches names at a strict threshold first and relaxes it only when needed; the
        // answer must be the one of ranking every match (name similarity 0.3, email 0.8, or containing).
        for (String q : List.of(
                "Ada Lovelace",
                "ada lovlace",
                "Lovelace",
                "adah",
                "engine.example",
                "ada7@engine.example",
                "ada7@engine.exmaple",
                "Margret Hamilton")) {
            for (int limit : List.of(1, 5, 12, 20, 30)) {
                List<Long> found = search.find(new MemberFilter(q, null, null, null), limit).stream()
                        .map(Member::id)
                        .toList();
                assertThat(found).as("%s, limit %d", q, limit).isEqualTo(everyMatchRanked(q, limit));
            }
        }
    }

    private List<Long> everyMatchRanked(String q, int limit) {
        String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        SELECT m.id FROM members m
                        WHERE similarity(m.full_name, :q) >= 0.3 OR similarity(m.email, :q) >= 0.8
                           OR m.full_name ILIKE :pattern OR m.email ILIKE :pattern
                        ORDER BY greatest(similarity(m.full_name, :q),
                                          CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= 0.8
                                               THEN similarity(m.email, :q) ELSE 0 END) DESC, m.id
                        LIMIT :limit
                        """)
                .params(Map.of("q", q, "pattern", pattern, "limit", limit))
                .query(Long.class)
                .list();
    }

    private List<String> names(String q) {
        return search.find(new MemberFilter(q, null, null, null), 10).stream()
                .map(Member::fullName)
                .toList();
    }
}
