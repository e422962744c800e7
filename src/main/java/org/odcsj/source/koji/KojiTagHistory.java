package org.odcsj.source.koji;

import java.util.List;

/**
 * What {@code queryHistory} answered for some tags between two events; {@code truncated} when a
 * table reached the row limit asked for, so rows may be missing.
 */
public record KojiTagHistory(List<KojiHistoryRow> rows, boolean truncated) {}
