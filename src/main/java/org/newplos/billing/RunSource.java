package org.newplos.billing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One lease or plan membership as an invoice run reads it: its terms and what is billed of it so far; or a room
 * booking to charge ({@code booking}: its id, its fixed amount as the base rate, its description as the label).
 */
record RunSource(
        boolean lease,
        long id,
        long memberId,
        String memberName,
        String memberEmail,
        String memberCompany,
        boolean cancelled,
        Terms terms,
        String label,
        DaySet billed,
        BigDecimal deposit,
        @Nullable BigDecimal depositBilled,
        boolean depositIssued,
        boolean depositRefunded,
        @Nullable BigDecimal depositKept,
        @Nullable String depositKeptReason,
        boolean booking) {

    static RunSource read(ResultSet rs) throws SQLException {
        return new RunSource(
                "L".equals(rs.getString("source")),
                rs.getLong("source_id"),
                rs.getLong("member_id"),
                rs.getString("full_name"),
                rs.getString("email"),
                rs.getString("company"),
                "CANCELLED".equals(rs.getString("status")),
                new Terms(
                        rs.getObject("start_day", LocalDate.class),
                        rs.getObject("end_day", LocalDate.class),
                        rs.getInt("period_months"),
                        rs.getBigDecimal("base_rate"),
                        rateChanges(rs.getString("rate_changes"))),
                rs.getString("label"),
                DaySet.parse(rs.getString("billed")),
                rs.getBigDecimal("deposit"),
                rs.getBigDecimal("deposit_billed"),
                rs.getBoolean("deposit_issued"),
                rs.getBoolean("deposit_refunded"),
                rs.getBigDecimal("deposit_kept"),
                rs.getString("deposit_kept_reason"),
                "B".equals(rs.getString("source")));
    }

    /** Reads {@code from,to,rate;from,,rate} (an empty {@code to} is open-ended). */
    static List<Terms.RateChange> rateChanges(@Nullable String text) {
        List<Terms.RateChange> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String change : text.split(";")) {
            String[] f = change.split(",", -1);
            out.add(new Terms.RateChange(
                    LocalDate.parse(f[0]), f[1].isEmpty() ? null : LocalDate.parse(f[1]), new BigDecimal(f[2])));
        }
        return out;
    }
}
