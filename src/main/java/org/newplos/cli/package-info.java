/**
 * The command line: {@code newplos [serve]}, {@code create-admin}, {@code demo-data} and the database
 * commands. Each command has --help and documented exit codes.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.cli;
