package org.newplos.billing;

import java.time.LocalDate;

/** What issuing a run did: how many drafts got their numbers on which day, and the run as it now stands. */
record IssuedRun(long runId, LocalDate issuedOn, int issued, RunPreview run) {}
