package org.newplos.database;

import java.util.List;

/**
 * Published once the database exists and its schema is at this build's version: work that needs the schema
 * at start-up (such as creating the first admin) listens to this instead of running during start-up.
 */
public record DatabaseReady(String schemaVersion, List<String> applied) {}
