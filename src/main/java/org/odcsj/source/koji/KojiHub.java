package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Koji hub over XML-RPC: single calls and {@code multiCall} batches. Read calls need no login.
 * Thread-safe; one instance can serve all composes.
 */
public final class KojiHub {
  private final KojiHubSettings settings;
  private final KojiTransport transport;

  public KojiHub(KojiHubSettings settings) {
    this.settings = settings;
    this.transport = new KojiTransport(settings);
  }

  public KojiHubSettings settings() {
    return settings;
  }

  /** The call's result ({@code null} for nil); a fault is thrown as {@link KojiFault}. */
  public Object call(String method, Object... params) {
    return call(KojiCall.of(method, params));
  }

  public Object call(KojiCall call) {
    Object answer =
        transport.post(call.method(), XmlRpcCallWriter.write(call.method(), call.params()));
    if (answer instanceof XmlRpcFault fault) {
      throw new KojiFault(call.method(), fault.code(), fault.message());
    }
    return answer;
  }

  /**
   * Runs the calls through {@code multiCall}, {@link KojiHubSettings#multicallBatchSize()} per
   * request, and returns one result per call in order; a call's fault is its result's, the others
   * still succeed. A fault of the whole request (or an unreachable hub) is thrown.
   */
  public List<KojiCallResult> multiCall(List<KojiCall> calls) {
    List<KojiCallResult> results = new ArrayList<>(calls.size());
    int size = settings.multicallBatchSize();
    for (int from = 0; from < calls.size(); from += size) {
      List<KojiCall> batch = calls.subList(from, Math.min(calls.size(), from + size));
      results.addAll(batch(batch));
    }
    return results;
  }

  private List<KojiCallResult> batch(List<KojiCall> batch) {
    List<Object> encoded = new ArrayList<>(batch.size());
    for (KojiCall call : batch) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("methodName", call.method());
      item.put("params", call.params());
      encoded.add(item);
    }
    Object answer = call("multiCall", encoded);
    if (!(answer instanceof List<?> items) || items.size() != batch.size()) {
      throw new KojiException(
          "multiCall", "expected " + batch.size() + " results, got " + describe(answer), null);
    }
    List<KojiCallResult> results = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      results.add(result(batch.get(i), items.get(i)));
    }
    return results;
  }

  /** A success is wrapped as {@code [result]}; a failure is a {@code {faultCode, faultString}}. */
  private static KojiCallResult result(KojiCall call, Object item) {
    if (item instanceof List<?> wrapped && wrapped.size() == 1) {
      return new KojiCallResult(call, wrapped.get(0), null);
    }
    if (item instanceof Map<?, ?> struct && XmlRpcResponseReader.fault(struct) != null) {
      XmlRpcFault fault = XmlRpcResponseReader.fault(struct);
      return new KojiCallResult(
          call, null, new KojiFault(call.method(), fault.code(), fault.message()));
    }
    throw new KojiException(call.method(), "unexpected multiCall item " + describe(item), null);
  }

  private static String describe(Object value) {
    if (value instanceof List<?> list) {
      return "a list of " + list.size();
    }
    return value == null ? "nil" : value.getClass().getSimpleName();
  }
}
