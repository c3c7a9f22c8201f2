/** Locations: the billing context of spaces (time zone, currency, invoice numbering, VAT, terms, lock date). */
@NullMarked
package org.newplos.locations;

import org.jspecify.annotations.NullMarked;
