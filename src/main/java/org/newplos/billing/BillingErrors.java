package org.newplos.billing;

import org.newplos.common.ConflictException;
import org.newplos.common.SqlErrors;
import org.springframework.dao.DataAccessException;

/**
 * Turns the billing triggers' and constraints' refusals into errors a person can act on (HTTP 409). The
 * database is the judge; this only explains its verdict.
 */
final class BillingErrors {

    static final String LOCKED = "NPLCK";
    static final String IMMUTABLE = "NPIMM";

    private BillingErrors() {}

    static RuntimeException translate(DataAccessException e) {
        String state = SqlErrors.sqlState(e);
        String message = serverMessage(e);
        if (LOCKED.equals(state)) {
            return new ConflictException(message + ". Ask an admin to move the lock date if this must change.");
        }
        if (IMMUTABLE.equals(state)) {
            return new ConflictException(message + ".");
        }
        if (SqlErrors.EXCLUSION_VIOLATION.equals(state)) {
            return new ConflictException("Some of these days are already billed (another invoice run may have"
                    + " billed them at the same time); nothing was changed. Run again to bill what is left.");
        }
        if (SqlErrors.CHECK_VIOLATION.equals(state) && message.contains("invoices_sign")) {
            return new ConflictException("An invoice cannot total less than zero; use a credit note instead.");
        }
        return e;
    }

    private static String serverMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                String m = p.getServerErrorMessage().getMessage();
                return m == null ? "" : Character.toUpperCase(m.charAt(0)) + m.substring(1);
            }
        }
        return String.valueOf(e.getMessage());
    }
}
