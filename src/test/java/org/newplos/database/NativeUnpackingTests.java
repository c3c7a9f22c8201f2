package org.newplos.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, the first local start: PostgreSQL's binaries unpacked by the system's tar land exactly where and
 * how zonky looks for them (its folder name, its {@code .exists} marker as the newest entry, readable by the
 * unprivileged user it runs PostgreSQL as), so zonky skips its own, slower unpacking.
 */
@EnabledOnOs(
        value = OS.LINUX,
        architectures = {"amd64", "x86_64"})
class NativeUnpackingTests {

    @Test
    void unpacksWhereZonkyLooksOnceAndCompletely(@TempDir Path tmp) throws Exception {
        String previous = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            PgBinaryResolver handedToZonky = NativeUnpacking.prepare(LogFactory.getLog(NativeUnpackingTests.class));

            assertThat(handedToZonky).as("the archive read once, for zonky too").isNotNull();
            assertThat(archiveDigest(handedToZonky)).isEqualTo(archiveDigest(DefaultPostgresBinaryResolver.INSTANCE));
            Path binaries = tmp.resolve("embedded-pg").resolve("PG-" + archiveDigest(handedToZonky));
            Path marker = binaries.resolve(".exists");
            assertThat(binaries.resolve("bin").resolve("postgres")).isExecutable();
            assertThat(binaries.resolve("bin").resolve("initdb")).isExecutable();
            assertThat(marker).exists();
            long markedAt = Files.getLastModifiedTime(marker).toMillis();
            try (Stream<Path> entries = Files.list(binaries)) {
                assertThat(entries.filter(entry -> !entry.equals(marker)))
                        .allMatch(entry -> lastModified(entry) <= markedAt);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)))
                    .isEqualTo("rwxr-xr-x");
            try (Stream<Path> left = Files.list(tmp.resolve("embedded-pg"))) {
                assertThat(left).as("no staging folder left behind").containsExactly(binaries);
            }

            NativeUnpacking.prepare(LogFactory.getLog(NativeUnpackingTests.class));
            assertThat(Files.getLastModifiedTime(marker).toMillis())
                    .as("a second start finds them")
                    .isEqualTo(markedAt);
        } finally {
            System.setProperty("java.io.tmpdir", previous);
        }
    }

    /** The folder name zonky derives from an archive: the MD5 of what its resolver gives. */
    private static String archiveDigest(PgBinaryResolver resolver) throws Exception {
        try (InputStream in = resolver.getPgBinary("Linux", "x86_64")) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(in.readAllBytes()));
        }
    }

    private static long lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
