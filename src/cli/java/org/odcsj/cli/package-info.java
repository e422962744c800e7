/**
 * The {@code odcs} command line (picocli) over the client library: the Python CLI's commands and
 * options plus ours. Uses only {@code org.odcsj.client}, never the server's packages.
 */
package org.odcsj.cli;
