package org.newplos.warmup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The bearer credential the warm-up's own requests carry: 32 random bytes made when the warm-up starts, held
 * only in this process's memory and forgotten when it ends. The API accepts it as a read-only (VIEWER) caller
 * for GET requests from the loopback address only, while it exists; at any other time, from anywhere else or
 * for any other method it is an unknown token (401).
 */
@Component
public class WarmUpCredential {

    /** Who the warm-up's requests are, wherever a caller's identity is shown. */
    public static final String CALLER = "warm-up@newplos.invalid";

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile byte @Nullable [] current;

    /** Makes a new credential and returns it; the previous one, if any, stops working. */
    String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "warmup_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        current = token.getBytes(StandardCharsets.US_ASCII);
        return token;
    }

    /** Ends the credential: from now on it is refused like any unknown token. */
    void revoke() {
        current = null;
    }

    /** Whether this request may pass as the warm-up: the live credential, a GET or HEAD, from loopback. */
    public boolean accepts(String presented, String method, String remoteAddress) {
        byte[] expected = current;
        if (expected == null || !("GET".equals(method) || "HEAD".equals(method)) || !isLoopback(remoteAddress)) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || "::1".equals(address) || "0:0:0:0:0:0:0:1".equals(address);
    }
}
