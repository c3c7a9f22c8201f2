/**
 * History: who changed which record when, with each changed field before and after, written in the same
 * transaction as the change itself.
 */
@org.jspecify.annotations.NullMarked
package org.newplos.audit;
