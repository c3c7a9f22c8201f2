package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Fuzzy member search (pg_trgm): tolerant of typos and partial input, best match first. */
@IntegrationTest
@TestPropertySource(properties = "newplos.test.context=member-search")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberSearchTests {

    @Autowired
    Members members;

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

    private List<String> names(String q) {
        return members.search(new MemberFilter(q, null, null, null), 10).stream()
                .map(Member::fullName)
                .toList();
    }
}
