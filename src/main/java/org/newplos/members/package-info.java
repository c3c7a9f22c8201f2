/** Members: who they are, their plan and status, and the typo-tolerant search staff use to find them. */
@org.jspecify.annotations.NullMarked
package org.newplos.members;
