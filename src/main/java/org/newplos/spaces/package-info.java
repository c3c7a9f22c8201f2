/** The rentable spaces — desks, offices, studios, lockers — with their codes, types and monthly rates. */
@org.jspecify.annotations.NullMarked
package org.newplos.spaces;
