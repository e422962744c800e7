package org.odcsj.generation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.UndispatchedComposes;

/**
 * One dispatch of the outbox: takes a batch of undispatched composes (row locks, marked in this
 * transaction), sends each one's first state-changed message and its generation request ({@link
 * OutboxSender}, outside the JTA transaction), then commits the marks. The transaction is thus the
 * database's alone: nothing is left prepared-but-undecided by an instance killed mid-commit (its
 * row locks would hold the batch until that instance came back). A crash between the sends and the
 * commit sends the batch again from another instance: a duplicate generation request is ignored by
 * the claim, and subscribers may see that {@code wait} message twice.
 */
@Stateless
public class OutboxDispatch {

  @Inject UndispatchedComposes outbox;
  @Inject OutboxSender sender;

  /** Dispatches up to {@code max} composes; returns how many were taken from the outbox. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int dispatch(int max) {
    List<Compose> batch = outbox.takeBatch(max);
    List<Compose> waiting = batch.stream().filter(c -> c.state() == ComposeState.WAIT).toList();
    if (!waiting.isEmpty()) {
      sender.send(waiting); // outside this transaction, before its commit: at least once
    }
    return batch.size();
  }
}
