package org.odcsj.it.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 16 server for integration tests, run from the zonky binaries jar: fresh {@code
 * initdb} per start, listening on 127.0.0.1:{port} only, trust auth, {@code
 * max_prepared_transactions=50} (XA). Works as root too (see {@link RunAs}).
 *
 * <pre>
 * try (LocalPostgres pg = LocalPostgres.start(Path.of("target/it"), port)) {
 *   String url = pg.createDatabase("odcs", "odcs", "odcs");
 * }
 * </pre>
 */
public final class LocalPostgres implements AutoCloseable {
  public static final String SUPERUSER = "postgres";
  private static final long START_TIMEOUT_MS = 60_000;
  private static final String INITDB_OPTIONS =
      "-U " + SUPERUSER + " --auth=trust -E UTF8 --locale=C --no-sync --no-instructions";

  private final int port;
  private final Path dataDir;
  private final PgTools tools;
  private Process server;
  private final Thread shutdownHook = new Thread(this::halt, "local-postgres-stop");
  private boolean stopped;
  private boolean hookRegistered;

  private LocalPostgres(int port, PgTools tools) {
    this.port = port;
    this.dataDir = tools.dataDir();
    this.tools = tools;
  }

  /**
   * initdb + start; returns once a JDBC connection to this very server works. Binaries are cached
   * in {@code workDir/pg-bin}, the data dir is {@code workDir/pg-data-<port>}, the server log
   * {@code workDir/postgres-<port>.log}.
   */
  public static LocalPostgres start(Path workDir, int port)
      throws IOException, InterruptedException {
    workDir = Files.createDirectories(workDir.toAbsolutePath().normalize());
    RunAs account = RunAs.forThisProcess();
    Path base = account.reachableDir(workDir);
    Path bin = PostgresBinaries.extract(base.resolve("pg-bin")).resolve("bin");
    Path log = workDir.resolve("postgres-" + port + ".log");
    Files.deleteIfExists(log);
    PgTools tools = new PgTools(bin, base.resolve("pg-data-" + port), log, account);
    LocalPostgres pg = new LocalPostgres(port, tools);
    pg.initdb();
    try {
      pg.configure();
      pg.launch();
    } catch (RuntimeException | IOException | InterruptedException e) {
      pg.stop(); // a half-started server must not outlive the failed start
      throw e;
    }
    return pg;
  }

  private void initdb() throws IOException, InterruptedException {
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      // A crashed earlier run may have left its postmaster running on this data dir: stop it
      // (if it is gone, pg_ctl just fails) before we wipe the dir and reuse the port.
      tools.run(10, "pg_ctl", "stop -m immediate -w -t 10");
    }
    PostgresBinaries.deleteTree(dataDir);
    Files.createDirectories(dataDir);
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    tools.account().own(dataDir);
    int rc = tools.run(120, "initdb", INITDB_OPTIONS);
    if (rc != 0) {
      throw failure("initdb exited with " + rc, null);
    }
  }

  private void configure() throws IOException {
    // Unix socket inside the data dir (the default /var/run/postgresql may not exist or be
    // writable); none at all if the path would exceed the 107-byte sun_path limit.
    String socketDir = dataDir.toString().length() > 90 ? "" : dataDir.toString();
    String settings =
        """

        # LocalPostgres: loopback only, XA (PGXADataSource) needs prepared transactions,
        # speed over durability (throwaway data).
        listen_addresses = '127.0.0.1'
        port = %d
        unix_socket_directories = '%s'
        max_prepared_transactions = 50
        max_connections = 200
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        """;
    Files.writeString(
        dataDir.resolve("postgresql.conf"),
        settings.formatted(port, socketDir),
        StandardOpenOption.APPEND);
  }

  private void launch() throws IOException, InterruptedException {
    server = tools.process("postgres", "").start();
    if (!hookRegistered) {
      Runtime.getRuntime().addShutdownHook(shutdownHook); // don't leak a server if a test forgets
      hookRegistered = true;
    }
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    SQLException last = null;
    while (System.currentTimeMillis() < deadline) {
      if (!server.isAlive()) {
        throw failure("postgres exited with " + server.exitValue(), last);
      }
      // Short login timeout: a non-PostgreSQL listener on the port would otherwise hang us.
      try (Connection c =
              DriverManager.getConnection(jdbcUrl("postgres") + "?loginTimeout=2", SUPERUSER, "");
          ResultSet rs = c.createStatement().executeQuery("show data_directory")) {
        rs.next();
        // Another server already on this port would answer too (and ours dies on bind).
        if (!rs.getString(1).equals(dataDir.toString())) {
          throw failure(
              "port " + port + " is served by another PostgreSQL: " + rs.getString(1), null);
        }
        return;
      } catch (SQLException e) {
        last = e; // "connection refused" / "the database system is starting up"
      }
      Thread.sleep(100);
    }
    throw failure("no JDBC connection within " + START_TIMEOUT_MS + " ms", last);
  }

  public String jdbcUrl(String db) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return tools.log();
  }

  /** Superuser connection ({@value #SUPERUSER}, no password: trust auth). */
  public Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(
        jdbcUrl(db) + "?connectTimeout=5&loginTimeout=10", SUPERUSER, "");
  }

  /** Creates (or updates) login role {@code owner} and database {@code name}; returns its URL. */
  public String createDatabase(String name, String owner, String password) throws SQLException {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      String verb =
          exists(c, "select 1 from pg_roles where rolname = ?", owner) ? "ALTER" : "CREATE";
      st.execute(verb + " ROLE " + ident(owner) + " LOGIN PASSWORD " + literal(password));
      if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
        st.execute("CREATE DATABASE " + ident(name) + " OWNER " + ident(owner));
      }
    }
    return jdbcUrl(name);
  }

  /**
   * Stops the server but keeps its data, as an outage would (clients see refused connections);
   * {@link #resume()} starts it again on the same port and data.
   */
  public synchronized void pause() throws IOException, InterruptedException {
    tools.run(40, "pg_ctl", "stop -m fast -w -t 30");
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
  }

  /** Starts a paused server again; returns once it accepts connections. */
  public synchronized void resume() throws IOException, InterruptedException {
    launch();
  }

  /** Fast shutdown ({@code pg_ctl stop -m fast}), waits for exit, deletes the data dir. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook itself is running halt()
    }
    halt();
    PostgresBinaries.deleteTree(dataDir);
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void halt() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (server == null) {
      return;
    }
    try {
      tools.run(40, "pg_ctl", "stop -m fast -w -t 30");
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    } catch (IOException | InterruptedException e) {
      server.destroyForcibly();
    }
  }

  private IllegalStateException failure(String what, Exception cause) {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
    return new IllegalStateException(
        String.format(
            "PostgreSQL on 127.0.0.1:%d as %s: %s%n%s",
            port, tools.account(), what, tools.logTail()),
        cause);
  }

  private static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String ident(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
