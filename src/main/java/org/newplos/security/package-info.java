/** Who may do what: the filter chains, sign-in and its throttling, API tokens, cross-site and firewall rules. */
@org.jspecify.annotations.NullMarked
package org.newplos.security;
