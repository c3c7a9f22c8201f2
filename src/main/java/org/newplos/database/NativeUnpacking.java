package org.newplos.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.util.FileSystemUtils;

/**
 * Unpacks embedded PostgreSQL's binaries with the system's {@code tar} and {@code xz} before zonky looks for
 * them: on a fresh machine zonky's own unpacking (pure-Java XZ, while the application starts beside it) took
 * 5.3 s of a 17 s first start here, the system's tools ~1 s. The binaries go where zonky looks —
 * {@code java.io.tmpdir/embedded-pg/PG-<MD5 of the archive>}, complete with its {@code .exists} marker — so
 * it finds them and skips its own. Published by one atomic rename of a finished folder: another process
 * unpacking at the same time (zonky or this) never sees half a folder. Anything unexpected (not Linux x86-64,
 * no tar or xz, another layout after a zonky upgrade) leaves the work to zonky, as before: slower, never wrong.
 * The archive read here is handed to zonky (what {@link #prepare} returns), which would otherwise read the 15 MB from the
 * jar a second time — and so zonky's digest is of the very bytes that named the folder.
 */
final class NativeUnpacking {

    private static final String SYSTEM = "Linux";
    private static final String HARDWARE = "x86_64";

    private NativeUnpacking() {}

    /**
     * Unpacks the binaries zonky will look for, unless they are there already or cannot be unpacked here; the
     * archive for zonky's builder, or null where this did not read it (not Linux x86-64, or it could not).
     */
    static @Nullable PgBinaryResolver prepare(Log log) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(SYSTEM, HARDWARE)) {
            archive = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not read PostgreSQL's archive; zonky reads and unpacks it", e);
            return null;
        }
        unpack(archive, log);
        return (system, hardware) -> new ByteArrayInputStream(archive);
    }

    private static void unpack(byte[] archive, Log log) {
        long started = System.nanoTime();
        Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        Path staging = null;
        try {
            String digest =
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
            Path binaries = workingDirectory.resolve("PG-" + digest);
            if (Files.exists(binaries)) {
                return; // unpacked before (or being unpacked by zonky elsewhere): zonky decides
            }
            Files.createDirectories(workingDirectory);
            staging = Files.createTempDirectory(workingDirectory, "unpacking-");
            // as zonky leaves it: readable by the unprivileged user it runs PostgreSQL as when started as root
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!untar(archive, staging)) {
                return;
            }
            Files.createFile(staging.resolve(".exists")); // last: zonky checks it is the newest entry
            try {
                Files.move(staging, binaries, StandardCopyOption.ATOMIC_MOVE);
                staging = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                return; // another process published them first
            }
            log.info("Unpacked PostgreSQL's binaries with the system's tar in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms (" + binaries + ")");
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            log.debug("Unpacking PostgreSQL's binaries with the system's tar did not work; zonky unpacks them", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (staging != null) {
                try {
                    FileSystemUtils.deleteRecursively(staging);
                } catch (IOException e) {
                    // a temporary folder left in the temporary directory; zonky never looks at it
                }
            }
        }
    }

    private static boolean untar(byte[] archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "--no-same-owner", "-xJf", "-", "-C", into.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = tar.getOutputStream()) {
            in.write(archive);
        } catch (IOException e) {
            tar.destroyForcibly();
            return false;
        }
        if (!tar.waitFor(2, TimeUnit.MINUTES)) {
            tar.destroyForcibly();
            return false;
        }
        return tar.exitValue() == 0 && Files.isExecutable(into.resolve("bin").resolve("postgres"));
    }
}
