/**
 * Who is calling (authentication backends) and what they may do (allowed_clients / admins policy).
 * The policy itself is plain Java; only the caller resolution knows HTTP.
 */
package org.odcsj.security;
