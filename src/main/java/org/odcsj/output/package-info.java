/**
 * Writing a compose's repositories: RPM headers read, packages placed, repodata, the .repo file.
 * Plain Java SE + Eclipse Packager: never imports Jakarta EE, the database or compose states.
 */
package org.odcsj.output;
