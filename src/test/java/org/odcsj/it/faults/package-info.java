/**
 * TEST ONLY: fault injection for the black-box tests, added to the WAR they deploy (never to the
 * shipped WAR). Must not be used by anything but those tests.
 */
package org.odcsj.it.faults;
