package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Catalog V-95 in our design: the reference, with its task queue unreachable, stores the compose,
 * answers 500 {@code Can not schedule compose N probably due …} and leaves a failed row behind.
 * Here a submission is refused while the broker is known unreachable (the last dispatch or the
 * probe each second failed): a 503 envelope saying the broker is unavailable (with {@code
 * Retry-After}), and nothing written; one accepted just before an outage waits in the outbox and is
 * sent when the broker returns. A server of its own whose broker address has nothing listening (the
 * full outage drill is BrokerOutageDrillIT).
 */
@ExtendWith(TestEnvironment.class)
class BrokerOutageIT {

  @Test
  @DisplayName("V-95: broker unreachable — POST is a 503 envelope and no compose is stored")
  void v95_unreachableBrokerStoresNothing() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    OdcsServer.Running server =
        OdcsServer.start(
            new OdcsServer.Profile(
                "nobroker",
                "odcs_nobroker",
                true,
                List.of(),
                List.of(),
                Map.of("ODCS_BROKER_URL", "host=127.0.0.1;port=" + deadPort)));
    try {
      OdcsApi api = new OdcsApi(server.baseUrl());
      OdcsApi.Reply reply =
          api.post(Api.COMPOSES, "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}}");
      JsonObject error = Api.assertErrorEnvelope(reply, 503);
      assertTrue(
          error.getString("message").startsWith("The message broker is unavailable"), reply.body());
      assertTrue(reply.raw().headers().firstValue("Retry-After").isPresent(), reply.body());
      JsonObject list = Api.ok(api.get(Api.COMPOSES));
      assertEquals(0, list.getJsonObject("meta").getInt("total"), list::toString);
      assertEquals(503, api.get("/health/ready").status(), "not ready without its broker");
    } finally {
      OdcsServer.stop("nobroker");
    }
  }
}
