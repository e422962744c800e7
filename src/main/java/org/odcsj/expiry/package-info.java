/**
 * Timers: remove expired composes, fail stuck ones, settle composes left waiting on a reused one,
 * sweep the RPM metadata cache; safe with several instances (row locks, SKIP LOCKED).
 */
package org.odcsj.expiry;
