/**
 * Timers: remove expired composes, fail stuck ones, settle composes left waiting on a reused one;
 * safe with several instances (row locks, SKIP LOCKED).
 */
package org.odcsj.expiry;
