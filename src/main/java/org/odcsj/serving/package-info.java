/** Serves the compose tree over HTTP (the service's own static file server); read-only. */
package org.odcsj.serving;
