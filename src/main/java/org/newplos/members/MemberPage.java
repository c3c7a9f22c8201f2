package org.newplos.members;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of a sorted member list; {@code next} is the cursor of the following page, absent on the last. */
record MemberPage(List<Member> items, @Nullable String next) {}
