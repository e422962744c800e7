/** Typed access to every setting (MicroProfile Config); no business logic lives here. */
package org.odcsj.config;
