/**
 * Billing: invoice runs that bill each day of a lease or plan membership once, credit notes for exactly the
 * days a change takes back, gapless numbers, payments and arrears, the invoice PDF. The arithmetic is in
 * plain records ({@link org.newplos.billing.Charges}, {@link org.newplos.billing.Corrections}); the rules
 * that must hold under any race are constraints and triggers of V6_3__billing.sql.
 */
@NullMarked
package org.newplos.billing;

import org.jspecify.annotations.NullMarked;
