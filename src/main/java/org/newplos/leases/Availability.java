package org.newplos.leases;

import java.sql.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.newplos.spaces.Spaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "What is free for this period?": active spaces with no non-cancelled lease overlapping it.
 * {@code monthly_rate >= 0} is always true (a check constraint): it keeps the planner from an
 * index-only scan of the exclusion constraint's (space_id, period) GiST index with only the period
 * constrained, which reads that whole index (~600 ms at 1M leases); probes by space or the period
 * index remain. See docs/benchmarks.md.
 */
@Repository
public class Availability {

    private final JdbcClient jdbc;

    Availability(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page<Space> freeSpaces(Period period, @Nullable SpaceType type, PageRequest page) {
        List<Space> rows = jdbc.sql("SELECT " + Spaces.columns("s") + """
                         FROM spaces s
                         WHERE s.active AND s.id > :after
                           AND (CAST(:type AS text) IS NULL OR s.type = :type)
                           AND NOT EXISTS (
                               SELECT 1 FROM leases l
                               WHERE l.space_id = s.id AND l.status <> 'CANCELLED'
                                 AND l.period && daterange(:start, :end, '[)')
                                 AND l.monthly_rate >= 0)
                         ORDER BY s.id
                         LIMIT :limit
                        """)
                .param("after", page.after())
                .param("type", type == null ? null : type.name())
                .param("start", Date.valueOf(period.start()))
                .param("end", period.end() == null ? null : Date.valueOf(period.end()))
                .param("limit", page.fetchSize())
                .query(Spaces.ROW)
                .list();
        return Page.of(rows, page.limit(), Space::id);
    }
}
