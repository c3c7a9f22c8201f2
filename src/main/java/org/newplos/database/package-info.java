/**
 * Where the database is and getting it ready: DATABASE_URL, embedded PostgreSQL for the local run,
 * provisioning, migrations and readiness — the deploy-safety heart of Newplos.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.database;
