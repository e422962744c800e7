package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The ODCS REST API, version 1. */
@ApplicationPath("/api/1")
@ApplicationScoped
public class OdcsApplication extends Application {}
