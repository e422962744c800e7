/**
 * Timers: remove expired composes and fail stuck ones; safe with several instances (SKIP LOCKED).
 */
package org.odcsj.expiry;
