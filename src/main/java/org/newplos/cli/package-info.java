/**
 * The command line: {@code newplos [serve]}, {@code create-admin}, {@code demo-data}, {@code import} and
 * the database commands. Each command has --help and documented exit codes; each that uses the database
 * runs inside its own root span ({@code newplos <command>}).
 */
@org.jspecify.annotations.NullMarked
package org.newplos.cli;
