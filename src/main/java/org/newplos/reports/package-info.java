/** The numbers staff and owners watch: occupancy on a day and monthly recurring revenue. */
@org.jspecify.annotations.NullMarked
package org.newplos.reports;
