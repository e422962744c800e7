/**
 * RPM metadata read once in the service's life: Koji's RPM files never change, so what was read
 * from one (keyed by its payloadhash and sigkey) is kept in a cache directory and handed back
 * instead of reading the headers again. Plain Java SE; knows no source and no container.
 */
package org.odcsj.rpm.cache;
