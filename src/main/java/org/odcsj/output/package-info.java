/**
 * Writing a compose: packages placed, repodata, productmd metadata, the .repo file (the RPM model
 * it writes from lives in {@code rpm}). Plain Java SE + Eclipse Packager: never imports Jakarta EE,
 * the database or compose states.
 */
package org.odcsj.output;
