/**
 * Choosing a compose's packages (what Pungi's gather does): latest per name and arch, requested
 * names, multilib, dependency closure, sigkeys. Pure Java on {@link Candidate}s: no I/O of its own,
 * no container, no knowledge of where packages live.
 */
package org.odcsj.selection;
