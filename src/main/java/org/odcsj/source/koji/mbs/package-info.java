/**
 * The Module Build Service: its REST API ({@code /1/module-builds/}) and how ODCS resolves the
 * modules a compose asks for — latest version with all its contexts, {@code -devel} modules,
 * conflicts, run-time module dependencies — into exact {@code N:S:V:C} builds, and looks up the
 * scratch builds ({@code scratch_modules}) it names exactly.
 */
package org.odcsj.source.koji.mbs;
