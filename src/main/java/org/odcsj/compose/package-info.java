/**
 * The Compose entity, its states and transitions, the lifecycle service (submit, claim, finish) and
 * the outbox of submissions. Knows JPA and CDI events; knows nothing about HTTP, JMS or files.
 */
package org.odcsj.compose;
