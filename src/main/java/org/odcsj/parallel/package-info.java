/**
 * The one way the engine runs a job on several threads ({@link org.odcsj.parallel.Parallel}):
 * daemon threads of its own, gone when the job is done, and the first failure handed back as it was
 * once the others have stopped. Plain Java: knows no source and no container.
 */
package org.odcsj.parallel;
