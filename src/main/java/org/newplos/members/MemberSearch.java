package org.newplos.members;

import static org.newplos.members.Members.COLUMNS;
import static org.newplos.members.Members.FILTER;
import static org.newplos.members.Members.ROW;
import static org.newplos.members.Members.filterParams;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Finding members by what staff type: trigram similarity (pg_trgm) on names and emails, best match first. */
@Repository
class MemberSearch {

    /**
     * How well a member matches the search text: the trigram similarity of the name, or of the email when
     * the email matches too (contains the text, or is at least {@link #EMAIL_THRESHOLD} similar).
     */
    private static final String SCORE = "greatest(similarity(m.full_name, :q),"
            + " CASE WHEN m.email ILIKE :pattern OR similarity(m.email, :q) >= CAST(:emailThreshold AS float8)"
            + " THEN similarity(m.email, :q) ELSE 0 END)";

    /**
     * The best {@code :limit} members whose name or email contains the search text, or whose email is
     * similar to it at the session's pg_trgm.similarity_threshold ({@link #EMAIL_THRESHOLD}), as an id
     * array. The GIN trigram indexes serve {@code ILIKE} and {@code %}.
     */
    private static final String MATCHING = "SELECT coalesce(array_agg(c.id), '{}') AS ids"
            + " FROM (SELECT m.id FROM members m"
            + " WHERE (m.full_name ILIKE :pattern OR m.email ILIKE :pattern OR m.email % :q) AND " + FILTER
            + " ORDER BY " + SCORE + " DESC, m.id LIMIT :limit) c";

    /**
     * The best {@code :limit} members whose name is similar to the search text at the session's
     * pg_trgm.similarity_threshold, or who are among {@link #MATCHING}'s; {@code place} is the row's
     * position in that ranking.
     */
    private static final String SIMILAR = "SELECT " + COLUMNS + ", s.score,"
            + " row_number() OVER (ORDER BY s.score DESC, m.id) AS place"
            + " FROM members m CROSS JOIN LATERAL (SELECT " + SCORE + " AS score) s"
            + " WHERE (m.full_name % :q OR m.id = ANY(:ids)) AND " + FILTER
            + " ORDER BY s.score DESC, m.id LIMIT :limit";

    /**
     * How similar an email must be to match (pg_trgm similarity): a typo or two in a whole address. Emails
     * share long common parts (domains, "example.com"), so a lower threshold would match most of them.
     */
    static final String EMAIL_THRESHOLD = "0.8";

    /** Name similarity thresholds {@link #find} tries in turn: the strictest first, pg_trgm's default last. */
    static final List<String> NAME_THRESHOLDS = List.of("0.6", "0.5", "0.4", "0.3");

    private final JdbcClient jdbc;

    MemberSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fuzzy search, best match first, at most {@code limit} members: those whose name is similar to the
     * text (pg_trgm similarity of at least 0.3, so typos are forgiven), whose email is nearly the text
     * (similarity of at least 0.8), or whose name or email contains it (ignoring case). Ranked by the
     * similarity of the name, or of the email when it matches too, then by id. The text is required
     * ({@link MemberFilter#hasSearch()}).
     *
     * <p>A misspelt common name can be similar to thousands of members, and ranking them all is what made
     * this slow. So names are matched at a strict threshold first, and only when that finds fewer than
     * {@code limit} members scoring at least that threshold are they matched again at the next one:
     * members below a threshold rank after all those above it, so the answer is the same as matching at
     * 0.3 at once. The members matched by email or by containing the text are found once, up front.
     */
    @Transactional(readOnly = true)
    List<Member> find(MemberFilter filter, int limit) {
        Map<String, Object> params = filterParams(filter);
        params.put("limit", limit);
        params.put("emailThreshold", EMAIL_THRESHOLD);
        similarityThreshold(EMAIL_THRESHOLD);
        Long[] matching = jdbc.sql(MATCHING)
                .params(params)
                .query((rs, n) -> (Long[]) rs.getArray("ids").getArray())
                .single();
        params.put("ids", matching);
        List<Scored> ranked = List.of();
        for (String threshold : NAME_THRESHOLDS) {
            similarityThreshold(threshold);
            ranked = jdbc.sql(SIMILAR)
                    .params(params)
                    .query((rs, n) -> new Scored(ROW.mapRow(rs, n), rs.getFloat("score"), rs.getInt("place")))
                    .list();
            Scored last = ranked.isEmpty() ? null : ranked.get(ranked.size() - 1);
            if (last != null && last.place() == limit && last.score() >= Double.parseDouble(threshold)) {
                break;
            }
        }
        return ranked.stream().map(Scored::member).toList();
    }

    /** Sets pg_trgm's {@code %} threshold for the rest of the transaction. */
    private void similarityThreshold(String threshold) {
        jdbc.sql("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)")
                .param("threshold", threshold)
                .query(String.class)
                .single();
    }

    private record Scored(Member member, float score, int place) {}
}
