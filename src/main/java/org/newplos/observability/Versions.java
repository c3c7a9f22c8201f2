package org.newplos.observability;

/** The version from the jar's manifest, or "dev" when running from source: the one place it is read. */
public final class Versions {

    private Versions() {}

    public static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
