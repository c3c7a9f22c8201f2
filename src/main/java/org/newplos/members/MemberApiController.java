package org.newplos.members;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Members", description = "Members, their plans, and fuzzy search")
@RestController
@RequestMapping("/api/v1/members")
class MemberApiController {

    private final Members members;
    private final MemberSearch search;
    private final Clock clock;

    MemberApiController(Members members, MemberSearch search, Clock clock) {
        this.members = members;
        this.search = search;
        this.clock = clock;
    }

    @Operation(
            summary = "List or search members",
            description = "q= finds members by name (tolerant of typos), by email (a typo or two), or by any part"
                    + " of name or email, best match first (one page);"
                    + " withActiveLeaseOn=YYYY-MM-DD keeps members holding a lease that day")
    @GetMapping
    Page<Member> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable MemberStatus status,
            @RequestParam(required = false) @Nullable Long planId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate withActiveLeaseOn,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        var filter = new MemberFilter(q, status, planId, withActiveLeaseOn);
        PageRequest page = PageRequest.of(after, limit);
        if (filter.hasSearch()) {
            return new Page<>(search.find(filter, page.limit()), null);
        }
        return members.list(filter, page);
    }

    @Operation(summary = "Get a member", description = "One member by id")
    @GetMapping("/{id}")
    Member get(@PathVariable long id) {
        return members.get(id);
    }

    @Operation(
            summary = "Create a member (STAFF)",
            description = "Answers 201 with the member (its URL in the Location header); 409 when the email is taken")
    @PostMapping
    ResponseEntity<Member> create(@Valid @RequestBody MemberRequest request) {
        Member member = members.create(request);
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id()))
                .body(member);
    }

    @Operation(summary = "Change a member (STAFF)", description = "Replaces every field; 409 when the email is taken")
    @PutMapping("/{id}")
    Member update(@PathVariable long id, @Valid @RequestBody MemberRequest request) {
        return members.update(id, request, LocalDate.now(clock));
    }

    @Operation(
            summary = "Delete a member (STAFF)",
            description = "409 while the member has leases (set status LEFT instead)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        members.delete(id);
        return ResponseEntity.noContent().build();
    }
}
