package org.newplos.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "dev" when running from source. */
class Version implements IVersionProvider {

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"newplos " + current()};
    }
}
