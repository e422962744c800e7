package org.odcsj.source.koji;

/**
 * A Koji task as {@code getTaskInfo}/{@code getTaskChildren} answer: {@code state} is Koji's
 * TASK_STATES number ({@link #CLOSED} when it succeeded), {@code parent} null for a top task.
 */
public record KojiTask(long id, String method, int state, String arch, Long parent) {
  public static final int CLOSED = 2;

  private static final String[] STATES = {
    "FREE", "OPEN", "CLOSED", "CANCELED", "ASSIGNED", "FAILED"
  };

  /** Koji's name of the state, e.g. {@code FAILED}. */
  public String stateName() {
    return state >= 0 && state < STATES.length ? STATES[state] : "state " + state;
  }

  static KojiTask from(Object value) {
    var map = KojiValues.struct(value, "task");
    return new KojiTask(
        KojiValues.requiredLong(map, "id"),
        KojiValues.requiredString(map, "method"),
        (int) KojiValues.requiredLong(map, "state"),
        KojiValues.optionalString(map, "arch"),
        KojiValues.optionalLong(map, "parent"));
  }
}
