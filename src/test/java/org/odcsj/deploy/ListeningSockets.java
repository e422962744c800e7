package org.odcsj.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among its
 * file descriptors, looked up in the kernel's tables of its network namespace ({@code
 * /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}). A TCP socket counts when it is in
 * state LISTEN; a UDP socket when it is bound and not connected (anyone may send to it).
 */
final class ListeningSockets {

  /** Whether this system has the {@code /proc} tables read here. */
  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/net/tcp"));
  }

  /** A listening socket: {@code tcp 127.0.0.1:8080}, {@code tcp :::8080}, {@code udp …}. */
  record Listener(String protocol, InetAddress address, int port) implements Comparable<Listener> {
    @Override
    public String toString() {
      return protocol + " " + address.getHostAddress() + ":" + port;
    }

    @Override
    public int compareTo(Listener other) {
      return toString().compareTo(other.toString());
    }
  }

  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";

  private ListeningSockets() {}

  /** Every socket process {@code pid} listens on, sorted. */
  static Set<Listener> of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    Set<String> inodes = socketInodes(proc.resolve("fd"));
    Set<Listener> listeners = new TreeSet<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      String protocol = table.startsWith("tcp") ? "tcp" : "udp";
      for (String line : lines(proc.resolve("net").resolve(table))) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 10 || !inodes.contains(fields[9])) {
          continue;
        }
        String state = fields[3];
        boolean listening =
            protocol.equals("tcp")
                ? state.equals(TCP_LISTEN)
                : state.equals(UDP_UNCONNECTED) && port(fields[2]) == 0;
        if (listening) {
          listeners.add(new Listener(protocol, address(fields[1]), port(fields[1])));
        }
      }
    }
    return listeners;
  }

  /** The inodes of the sockets among the descriptors in {@code fdDir} ({@code socket:[123]}). */
  private static Set<String> socketInodes(Path fdDir) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(fdDir)) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (NoSuchFileException closedMeanwhile) {
          // a descriptor closed while we listed them
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }

  private static List<String> lines(Path table) {
    try {
      List<String> lines = Files.readAllLines(table);
      return lines.subList(1, lines.size()); // the first line is the header
    } catch (NoSuchFileException noIpv6) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 0100007F:1F90}: the port is big-endian hex. */
  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1), 16);
  }

  /**
   * {@code 0100007F:1F90}: the address is hex of 32-bit words in the kernel's byte order (4 words
   * for IPv6). An IPv4-mapped IPv6 address comes back as the IPv4 address.
   */
  private static InetAddress address(String hostPort) {
    String hex = hostPort.substring(0, hostPort.indexOf(':'));
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      for (int word = 0; word < bytes.length; word += 4) {
        reverse(bytes, word, word + 3);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hostPort, e);
    }
  }

  private static void reverse(byte[] bytes, int from, int to) {
    for (; from < to; from++, to--) {
      byte b = bytes[from];
      bytes[from] = bytes[to];
      bytes[to] = b;
    }
  }
}
