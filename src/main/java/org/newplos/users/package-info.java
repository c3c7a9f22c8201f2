/** Staff accounts that sign in to Newplos, with their roles (ADMIN, STAFF, VIEWER) and password hashes. */
@org.jspecify.annotations.NullMarked
package org.newplos.users;
