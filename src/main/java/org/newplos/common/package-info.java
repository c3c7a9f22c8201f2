/**
 * The few types every feature shares: domain errors the API turns into problem+json, and keyset pages.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package org.newplos.common;
