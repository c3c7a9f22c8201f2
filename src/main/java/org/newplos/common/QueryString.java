package org.newplos.common;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/** Builds links that keep a list's filter: only the parameters that have a value. */
public final class QueryString {

    private final UriComponentsBuilder uri;

    private QueryString(String path) {
        this.uri = UriComponentsBuilder.fromPath(path);
    }

    public static QueryString of(String path) {
        return new QueryString(path);
    }

    public QueryString with(String name, @Nullable Object value) {
        if (value != null && !value.toString().isBlank()) {
            uri.queryParam(name, value);
        }
        return this;
    }

    @Override
    public String toString() {
        return uri.encode().build().toUriString();
    }
}
