/**
 * Generation: the queue and the dispatcher that fills it from the outbox, the thin message-driven
 * bean, the generator (claim, build, record) and the recovery of composes whose generating instance
 * crashed. Holds no transaction while a compose is built; knows nothing about HTTP.
 */
package org.odcsj.generation;
