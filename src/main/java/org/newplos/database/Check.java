package org.newplos.database;

/** One line of {@code newplos doctor}: what was checked, PASS/WARN/FAIL, what was found, and the fix. */
public record Check(String name, Status status, String detail, String fix) {

    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail, "");
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}
