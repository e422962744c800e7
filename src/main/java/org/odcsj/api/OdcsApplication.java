package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The ODCS REST API, version 1. */
@ApplicationPath("/api/1")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "odcs")
public class OdcsApplication extends Application {}
