package org.newplos.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.newplos.common.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own API tokens: create (value shown once), list, revoke. Any role. */
@Tag(name = "API tokens", description = "Personal tokens for Authorization: Bearer")
@RestController
@RequestMapping("/api/v1/me/tokens")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Schema(example = "{\"name\": \"CI deploys\"}")
    record CreateTokenRequest(String name) {}

    @Operation(summary = "Create a token", description = "The answer holds the token; it is not shown again")
    @PostMapping
    ResponseEntity<NewApiToken> create(Principal principal, @RequestBody CreateTokenRequest request) {
        NewApiToken created = tokens.create(principal.getName(), request.name() == null ? "" : request.name());
        return ResponseEntity.created(
                        URI.create("/api/v1/me/tokens/" + created.token().id()))
                .body(created);
    }

    @Operation(
            summary = "List your tokens (never their values)",
            description = "Name, creation, last use and revocation of each of the signed-in user's tokens")
    @GetMapping
    List<ApiToken> list(Principal principal) {
        return tokens.list(principal.getName());
    }

    @Operation(summary = "Revoke a token", description = "Requests with it answer 401 from now on")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(Principal principal, @PathVariable long id) {
        if (!tokens.revoke(principal.getName(), id)) {
            throw new NotFoundException("API token of yours", id);
        }
        return ResponseEntity.noContent().build();
    }
}
