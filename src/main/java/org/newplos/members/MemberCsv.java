package org.newplos.members;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The columns of the member CSV, the same for export and import. */
final class MemberCsv {

    static final List<String> HEADER =
            List.of("id", "full_name", "email", "phone", "company", "status", "plan", "joined_on", "notes");

    private MemberCsv() {}

    static List<Object> row(Member m, @Nullable String planName) {
        return List.of(
                m.id(),
                m.fullName(),
                m.email(),
                m.phone(),
                m.company(),
                m.status(),
                planName == null ? "" : planName,
                m.joinedOn(),
                m.notes());
    }
}
