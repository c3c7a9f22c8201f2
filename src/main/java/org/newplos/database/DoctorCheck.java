package org.newplos.database;

/**
 * A check {@code newplos doctor} runs after the database checks (tracing, error tracking, ...). Must answer
 * within about a second.
 */
public interface DoctorCheck {

    Check run();
}
