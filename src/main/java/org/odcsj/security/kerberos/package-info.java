/**
 * Kerberos for the {@code kerberos} backends: SPNEGO ticket verification with the JDK's GSS-API and
 * the LDAP group lookup of ODCS. Plain Java (JAAS, GSS-API, JNDI): no container, no HTTP types.
 */
package org.odcsj.security.kerberos;
