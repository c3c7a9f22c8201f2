package org.newplos.observability;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** A Sentry DSN {@code scheme://key@host[:port]/[path/]project}: where envelopes go and how to sign them. */
record SentryDsn(String envelopeUrl, String publicKey) {

    static @Nullable SentryDsn parse(String dsn) {
        try {
            URI uri = URI.create(dsn.strip());
            String userInfo = uri.getUserInfo();
            String path = uri.getPath();
            if (uri.getHost() == null || userInfo == null || path == null || path.length() < 2) {
                return null;
            }
            String key = userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
            int slash = path.lastIndexOf('/');
            String project = path.substring(slash + 1);
            String prefix = path.substring(0, slash);
            String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return new SentryDsn(base + prefix + "/api/" + project + "/envelope/", key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String authHeader() {
        return "Sentry sentry_version=7, sentry_client=newplos-doctor/" + Versions.current() + ", sentry_key="
                + publicKey;
    }
}
