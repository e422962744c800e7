package org.odcsj.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.odcsj.deploy.ListeningSockets.Listener;

/** {@link ListeningSockets} on this very JVM: it finds what we open, and only listeners. */
class ListeningSocketsTest {

  @Test
  void findsTheListenersOfAProcessAndNothingElse() throws Exception {
    assumeTrue(ListeningSockets.available(), "needs Linux /proc");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    int closedPort;
    try (ServerSocket v4 = new ServerSocket(0, 1, loopback);
        ServerSocket any = new ServerSocket(0);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
        Socket client = new Socket(loopback, v4.getLocalPort());
        Socket accepted = v4.accept()) {
      closedPort = v4.getLocalPort();
      Set<Listener> listeners = ListeningSockets.of(ProcessHandle.current().pid());

      assertTrue(
          listeners.contains(new Listener("tcp", loopback, v4.getLocalPort())),
          listeners::toString);
      assertTrue(
          listeners.stream()
              .anyMatch(l -> l.port() == any.getLocalPort() && l.address().isAnyLocalAddress()),
          listeners::toString);
      assertTrue(
          listeners.contains(new Listener("udp", loopback, udp.getLocalPort())),
          listeners::toString);
      // Connected sockets are not listeners.
      assertFalse(
          listeners.stream().anyMatch(l -> l.port() == client.getLocalPort()), listeners::toString);
    }
    assertFalse(
        ListeningSockets.of(ProcessHandle.current().pid()).stream()
            .anyMatch(l -> l.port() == closedPort),
        "a closed listener is gone");
  }
}
