/**
 * modulemd documents (module streams v2, defaults v1) read and written with a YAML library, kept as
 * the document tree so every field the compose does not touch passes through unchanged. Knows no
 * source and no container.
 */
package org.odcsj.modulemd;
