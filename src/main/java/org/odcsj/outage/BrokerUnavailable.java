package org.odcsj.outage;

import jakarta.ejb.ApplicationException;
import jakarta.jms.JMSRuntimeException;

/**
 * The broker was unreachable at the last look ({@link BrokerAvailability}): work that needs it is
 * refused before it changes anything. A JMS error, so it is answered like any broker outage; an
 * application exception, so an EJB passes it on as it is (no system-exception log per request).
 */
@ApplicationException(rollback = true)
public class BrokerUnavailable extends JMSRuntimeException {

  private static final long serialVersionUID = 1L;

  public BrokerUnavailable() {
    super("the message broker did not answer at the last probe");
  }
}
