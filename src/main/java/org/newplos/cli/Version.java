package org.newplos.cli;

import org.newplos.observability.Versions;
import picocli.CommandLine.IVersionProvider;

/** {@code newplos --version}: the build's version ({@link Versions}). */
class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"newplos " + Versions.current()};
    }
}
