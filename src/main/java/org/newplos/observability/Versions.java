package org.newplos.observability;

/** The version from the jar's manifest, or "dev" when running from source. */
final class Versions {

    private Versions() {}

    static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
