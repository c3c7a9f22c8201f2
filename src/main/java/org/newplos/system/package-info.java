/** Web plumbing every feature shares: problem+json and error pages, request ids and limits, the clock, OpenAPI. */
@org.jspecify.annotations.NullMarked
package org.newplos.system;
