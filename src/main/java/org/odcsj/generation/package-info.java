/**
 * Generation: the queue, the thin message-driven bean and the generator (claim, build, record).
 * Holds no transaction while a compose is built; knows nothing about HTTP.
 */
package org.odcsj.generation;
