/**
 * The {@code raw_config} source: a named Pungi configuration from a git repository, run by an
 * external Pungi command in its own process group. Plain Java (JGit, processes, files); knows no
 * other source and nothing of the container.
 */
package org.odcsj.source.rawconfig;
