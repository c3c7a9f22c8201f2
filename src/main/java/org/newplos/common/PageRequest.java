package org.newplos.common;

/** Where a page starts (after which id) and how long it is. */
public record PageRequest(long after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (after < 0) {
            throw new InvalidInputException("after", "must be zero or a positive id");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest of(Long after, Integer limit) {
        return new PageRequest(after == null ? 0 : after, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** Rows to fetch: one more than shown, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
