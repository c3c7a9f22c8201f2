/** Cross-cutting web concerns: security, problem+json errors, request limits, the clock, OpenAPI. */
@org.jspecify.annotations.NullMarked
package org.newplos.system;
