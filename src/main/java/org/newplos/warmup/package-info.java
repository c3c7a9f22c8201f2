/**
 * Warm-up: a new server exercises its own read API for a few seconds after the database is ready and before
 * it reports ready, so that the first requests a load balancer sends it meet compiled code, not the
 * interpreter (docs/deploy.md, "Warm-up").
 */
@org.jspecify.annotations.NullMarked
package org.newplos.warmup;
