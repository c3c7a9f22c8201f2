package org.newplos.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.plans.BillingPeriod;
import org.newplos.plans.PlanRequest;
import org.newplos.plans.Plans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16, finding 17: paging by name uses the database's lower() for the cursor as for the order, so names
 * whose lower case Java and PostgreSQL see differently are neither skipped nor repeated.
 */
@IntegrationTest
class NamePagingTests {

    @Autowired
    Members members;

    @Autowired
    Plans plans;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagingByNameShowsEveryMemberOnceWhateverTheLetters() {
        long planId = plans.create(new PlanRequest(
                        "Paging " + System.nanoTime(),
                        "",
                        new BigDecimal("1"),
                        BillingPeriod.MONTHLY,
                        null,
                        true,
                        null))
                .id();
        List<String> names = List.of(
                "İlkay Demir",
                "Ilse Iversen",
                "ilona Ivanova",
                "Ärger Anna",
                "Ångström Åse",
                "Ada Abel",
                "Zoë Zed",
                "Σοφία Σάββα",
                "ẞtraße Stefan",
                "Kelvin Kraft",
                "Émile Eté",
                "éva Ezra",
                "Ǆemal Dž",
                "ǆuro Duro");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ids.add(members.create(new MemberRequest(
                            names.get(i),
                            "paging-" + System.nanoTime() + "-" + i + "@example.com",
                            null,
                            null,
                            MemberStatus.ACTIVE,
                            planId,
                            null,
                            null))
                    .id());
        }
        List<Long> expected = jdbc.sql("SELECT id FROM members WHERE plan_id = :plan ORDER BY lower(full_name), id")
                .param("plan", planId)
                .query(Long.class)
                .list();
        MemberFilter filter = new MemberFilter(null, null, planId, null);
        for (int size : new int[] {1, 2, 3}) {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            do {
                MemberPage page = members.browse(filter, MemberSort.NAME, cursor, size);
                page.items().forEach(m -> seen.add(m.id()));
                cursor = page.next();
            } while (cursor != null && seen.size() <= names.size());
            assertThat(seen).as("pages of %d", size).isEqualTo(expected);
        }
        assertThat(expected).containsExactlyInAnyOrderElementsOf(ids);
    }
}
