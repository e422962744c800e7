/**
 * The Compose entity, its states and transitions, and the lifecycle service (submit, claim,
 * finish). Knows JPA and the generation queue; knows nothing about HTTP or files.
 */
package org.odcsj.compose;
