package org.odcsj.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of the Payara Micro process, watched over JMX (the attach API starts its local
 * management agent): used heap sampled every 200 ms, and the heap occupancy after every garbage
 * collection (GC notifications), whose maximum bounds the live data from above.
 */
final class ServerHeap implements AutoCloseable {

  /** What one window (one compose) saw, in bytes. */
  record Window(long peakUsed, long peakAfterGc, int collections, long usedAtEnd, long maxHeap) {}

  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicInteger collections = new AtomicInteger();
  private volatile boolean active;
  private ScheduledFuture<?> sampling;

  private ServerHeap(JMXConnector connector) throws Exception {
    this.connector = connector;
    MBeanServerConnection mbs = connector.getMBeanServerConnection();
    this.memory = ManagementFactory.getPlatformMXBean(mbs, MemoryMXBean.class);
    Set<String> heapPools =
        ManagementFactory.getPlatformMXBeans(mbs, MemoryPoolMXBean.class).stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    NotificationListener listener =
        (Notification n, Object handback) -> {
          if (!active
              || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  n.getType())) {
            return;
          }
          var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long after = 0;
          for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              after += e.getValue().getUsed();
            }
          }
          long before = 0;
          for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              before += e.getValue().getUsed();
            }
          }
          collections.incrementAndGet();
          peakAfterGc.accumulateAndGet(after, Math::max);
          peakUsed.accumulateAndGet(before, Math::max);
        };
    for (ObjectName gc :
        mbs.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
      mbs.addNotificationListener(gc, listener, null, null);
    }
  }

  /** Attaches to the JVM of process {@code pid}. */
  static ServerHeap attach(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    return new ServerHeap(JMXConnectorFactory.connect(new JMXServiceURL(address)));
  }

  /** Starts a window: resets the maxima and samples the used heap every 200 ms. */
  synchronized void start() {
    peakUsed.set(used());
    peakAfterGc.set(0);
    collections.set(0);
    active = true;
    sampling =
        sampler.scheduleAtFixedRate(
            () -> peakUsed.accumulateAndGet(used(), Math::max), 200, 200, TimeUnit.MILLISECONDS);
  }

  synchronized Window stop() {
    sampling.cancel(false);
    active = false;
    MemoryUsage now = memory.getHeapMemoryUsage();
    peakUsed.accumulateAndGet(now.getUsed(), Math::max);
    return new Window(
        peakUsed.get(), peakAfterGc.get(), collections.get(), now.getUsed(), now.getMax());
  }

  private long used() {
    try {
      return memory.getHeapMemoryUsage().getUsed();
    } catch (RuntimeException e) {
      return 0; // the server went away; the compose will report it
    }
  }

  @Override
  public void close() throws Exception {
    sampler.shutdownNow();
    connector.close();
  }
}
