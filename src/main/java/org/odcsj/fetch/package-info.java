/**
 * Verified package downloads shared by the sources: http(s) with bounded redirects and retries,
 * credentials kept out of messages, checksums checked before a file is used. Knows no source and no
 * container.
 */
package org.odcsj.fetch;
