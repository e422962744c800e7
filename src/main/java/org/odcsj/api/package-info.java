/**
 * The REST API v1: resources, request parsing and validation, the JSON views, error envelopes.
 * Knows HTTP; never talks JMS or touches files.
 */
package org.odcsj.api;
