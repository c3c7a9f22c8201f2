package org.newplos.common;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Reads the PostgreSQL SQLSTATE behind a data-access failure, so each feature can name the rule it broke. */
public final class SqlErrors {

    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String CHECK_VIOLATION = "23514";
    public static final String EXCLUSION_VIOLATION = "23P01";

    private SqlErrors() {}

    public static @Nullable String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    public static boolean is(Throwable error, String sqlState) {
        return sqlState.equals(sqlState(error));
    }
}
