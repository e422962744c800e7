/**
 * The RPM model every source and the writer share: a package's headers read into {@link
 * org.odcsj.rpm.RpmPackage} (identity, relations, files, changelog, sigkey). Reads files only;
 * knows no source, no repository layout and no container.
 */
package org.odcsj.rpm;
