/**
 * CSV in and out, for the admin UI and the command line: strict reading with a report per row, the import
 * page every feature's importer plugs into, and exports guarded against spreadsheet formulas.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.csv;
