package org.odcsj.it.infra;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MIT Kerberos KDC (Debian {@code krb5-kdc}: {@code krb5kdc}, {@code kdb5_util}, {@code
 * kadmin.local}) in a temp dir: realm {@value #REALM}, TCP only on 127.0.0.1:{free port}, the
 * service {@value #SERVICE} and the users {@code alice} and {@code bob}, each with a keytab (and a
 * password). Starting it sets {@code java.security.krb5.conf} to its own krb5.conf (restored on
 * close), so this JVM never reads /etc/krb5.conf; child processes get {@link #environment}. One KDC
 * at a time per JVM (that property is global). When the binaries are missing, {@link #start} aborts
 * the test as skipped.
 *
 * <pre>
 * try (LocalKdc kdc = LocalKdc.start(Path.of("target"))) {
 *   String header = KerberosClient.login(kdc, "alice").negotiateHeader("HTTP@localhost");
 * }
 * </pre>
 */
public final class LocalKdc implements AutoCloseable {
  public static final String REALM = "ODCS.TEST";
  public static final String SERVICE = "HTTP/localhost@" + REALM;
  public static final List<String> USERS = List.of("alice", "bob");

  /** The reason of the skip when the KDC is not installed. */
  public static final String MISSING =
      "MIT Kerberos KDC not installed (apt-get install krb5-kdc krb5-admin-server krb5-user)";

  private static final String KRB5_CONF_PROPERTY = "java.security.krb5.conf";
  private static final List<String> TOOLS = List.of("krb5kdc", "kdb5_util", "kadmin.local");
  private static final long START_TIMEOUT_MS = 20_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern KADMIN_ERROR = Pattern.compile("(?m)^[a-z_.]+: ");

  private final Path dir;
  private final Map<String, String> passwords = new HashMap<>();
  private final Thread shutdownHook = new Thread(this::halt, "local-kdc-stop");
  private int port;
  private Process kdc;
  private String previousKrb5Conf;
  private boolean krb5ConfSet;
  private boolean hookRegistered;
  private boolean closed;

  private LocalKdc(Path dir) {
    this.dir = dir;
  }

  /** Whether krb5kdc, kdb5_util and kadmin.local are installed (PATH, /usr/sbin, /sbin). */
  public static boolean available() {
    return TOOLS.stream().allMatch(t -> tool(t).isPresent());
  }

  /**
   * Creates the realm in a new directory under {@code workDir} and starts {@code krb5kdc}; returns
   * once it accepts TCP connections. Skips the calling test when the binaries are missing.
   */
  public static LocalKdc start(Path workDir) throws IOException, InterruptedException {
    Assumptions.assumeTrue(available(), MISSING);
    Path base = Files.createDirectories(workDir.toAbsolutePath().normalize());
    LocalKdc kdc = new LocalKdc(Files.createTempDirectory(base, "kdc-"));
    try {
      kdc.port = freePort();
      kdc.writeConfiguration();
      kdc.createRealm();
      // The port was free a moment ago; if someone took it since, try another.
      for (int attempt = 1; !kdc.launch(); attempt++) {
        if (attempt == 3) {
          throw new IllegalStateException("krb5kdc found no free port in 3 attempts");
        }
        kdc.port = freePort();
        kdc.writeConfiguration();
      }
    } catch (RuntimeException | IOException | InterruptedException e) {
      kdc.close();
      throw e;
    }
    return kdc;
  }

  private void writeConfiguration() throws IOException {
    String kdcConf =
        """
        [kdcdefaults]
         kdc_listen = ""
         kdc_tcp_listen = 127.0.0.1:%1$d
        [realms]
         %2$s = {
          database_name = %3$s/principal
          key_stash_file = %3$s/stash
          acl_file = %3$s/kadm5.acl
          max_life = 10h
          max_renewable_life = 1d
          supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
         }
        [logging]
         kdc = FILE:%3$s/kdc.log
         default = FILE:%3$s/kdc.log
        """;
    // clockskew 2 s (same host, no skew): a stale ticket is refused within seconds, not 5 minutes.
    String krb5Conf =
        """
        [libdefaults]
         default_realm = %2$s
         dns_lookup_kdc = false
         dns_lookup_realm = false
         dns_canonicalize_hostname = false
         rdns = false
         udp_preference_limit = 1
         clockskew = 2
         default_ccache_name = FILE:%3$s/ccache
        [realms]
         %2$s = {
          kdc = 127.0.0.1:%1$d
         }
        [domain_realm]
         localhost = %2$s
         .localhost = %2$s
        """;
    Files.writeString(dir.resolve("kdc.conf"), kdcConf.formatted(port, REALM, dir));
    Files.writeString(dir.resolve("krb5.conf"), krb5Conf.formatted(port, REALM, dir));
    Files.writeString(dir.resolve("kadm5.acl"), "");
  }

  private void createRealm() throws IOException, InterruptedException {
    run("kdb5_util", "create", "-s", "-r", REALM, "-P", randomSecret());
    addPrincipal(SERVICE);
    for (String user : USERS) {
      String password = randomSecret();
      run("kadmin.local", "-r", REALM, "-q", "addprinc -pw " + password + " " + user);
      passwords.put(user, password);
    }
  }

  /** Starts krb5kdc in the foreground; false if its port was taken meanwhile. */
  private boolean launch() throws IOException, InterruptedException {
    Path out = dir.resolve("krb5kdc.out");
    kdc =
        builder(command("krb5kdc", "-n", "-r", REALM))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .start();
    if (!hookRegistered) {
      Runtime.getRuntime().addShutdownHook(shutdownHook); // no KDC outlives a forgetful test
      hookRegistered = true;
    }
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!kdc.isAlive()) {
        String why = tail(out) + tail(log());
        if (why.contains("Address already in use")) {
          return false;
        }
        throw new IllegalStateException("krb5kdc exited with " + kdc.exitValue() + "\n" + why);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        previousKrb5Conf = System.setProperty(KRB5_CONF_PROPERTY, krb5Conf().toString());
        krb5ConfSet = true;
        return true;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("krb5kdc not listening within 20 s\n" + tail(log()));
  }

  /** Adds {@code principal} with a random key; {@code options} as kadmin's addprinc takes them. */
  public void addPrincipal(String principal, String... options)
      throws IOException, InterruptedException {
    run("kadmin.local", "-r", REALM, "-q", addprinc(principal, options));
  }

  private static String addprinc(String principal, String... options) {
    StringBuilder q = new StringBuilder("addprinc -randkey");
    for (String o : options) {
      q.append(' ').append(o.contains(" ") ? '"' + o + '"' : o);
    }
    return q.append(' ').append(principal).toString();
  }

  /**
   * A keytab with the current keys of {@code principal} ({@code alice}, {@value #SERVICE}, …),
   * written anew on every call (without changing the keys).
   */
  public Path keytab(String principal) throws IOException, InterruptedException {
    Path keytab = dir.resolve(principal.replaceAll("[^A-Za-z0-9.@-]", "_") + ".keytab");
    Path fresh = dir.resolve(keytab.getFileName() + ".new");
    Files.deleteIfExists(fresh);
    run("kadmin.local", "-r", REALM, "-q", "ktadd -norandkey -k " + fresh + " " + principal);
    return Files.move(fresh, keytab, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The keytab of {@value #SERVICE}. */
  public Path serviceKeytab() throws IOException, InterruptedException {
    return keytab(SERVICE);
  }

  /**
   * Gives {@code principal} new random keys (a new key version, as a keytab rotation does) and
   * replaces its keytab file with one holding only the new keys.
   */
  public Path rotateKeys(String principal) throws IOException, InterruptedException {
    run("kadmin.local", "-r", REALM, "-q", "cpw -randkey " + principal);
    return keytab(principal);
  }

  /** The password of one of {@link #USERS}. */
  public String password(String user) {
    return passwords.get(user);
  }

  public String principal(String user) {
    return user + "@" + REALM;
  }

  public int port() {
    return port;
  }

  public Path krb5Conf() {
    return dir.resolve("krb5.conf");
  }

  public Path directory() {
    return dir;
  }

  public Path log() {
    return dir.resolve("kdc.log");
  }

  /**
   * Environment for MIT tools and GSS-API programs (kinit, curl) talking to this KDC: {@code
   * KRB5_CONFIG}, {@code KRB5_KDC_PROFILE}, and a credential cache of its own in the KDC's dir.
   */
  public Map<String, String> environment() {
    return Map.of(
        "KRB5_CONFIG", krb5Conf().toString(),
        "KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString(),
        "KRB5CCNAME", "FILE:" + dir.resolve("ccache"));
  }

  /**
   * Runs a program (e.g. {@code kinit}, {@code curl}) with {@link #environment}; returns its
   * output, or throws with it when the program fails.
   */
  public String run(String tool, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, tool, ".out");
    Process p = builder(command(tool, args)).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(tool + " did not finish within 60 s\n" + tail(out));
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    // kadmin.local -q exits 0 when its query fails: its errors are "add_principal: …" lines.
    if (p.exitValue() != 0 || tool.equals("kadmin.local") && KADMIN_ERROR.matcher(output).find()) {
      throw new IllegalStateException(
          tool + " " + String.join(" ", args) + " exited with " + p.exitValue() + ":\n" + output);
    }
    return output;
  }

  private List<String> command(String tool, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool(tool).map(Path::toString).orElse(tool));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** {@code cmd} in the KDC's dir with {@link #environment}, output merged, no input. */
  private ProcessBuilder builder(List<String> cmd) {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(environment());
    return pb;
  }

  /** {@code name} on the PATH or in an sbin directory (root-only tools live there). */
  public static Optional<Path> tool(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (hookRegistered) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook itself is running halt()
      }
    }
    halt();
    if (krb5ConfSet && previousKrb5Conf == null) {
      System.clearProperty(KRB5_CONF_PROPERTY);
    } else if (krb5ConfSet) {
      System.setProperty(KRB5_CONF_PROPERTY, previousKrb5Conf);
    }
    PostgresBinaries.deleteTree(dir);
  }

  /** Stops our krb5kdc (SIGTERM to its PID, then SIGKILL after 10 s). */
  private synchronized void halt() {
    closed = true;
    if (kdc == null || !kdc.isAlive()) {
      return;
    }
    kdc.destroy();
    try {
      if (!kdc.waitFor(10, TimeUnit.SECONDS)) {
        kdc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      kdc.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String randomSecret() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- "
          + file
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))
          + "\n";
    } catch (IOException e) {
      return "(no " + file + ")\n";
    }
  }
}
