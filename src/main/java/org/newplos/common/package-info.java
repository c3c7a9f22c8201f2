/**
 * The few types every feature shares: domain errors (and problem+json for filters), keyset pages, and the
 * admin UI's controller marker, form errors and links.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package org.newplos.common;
