/** MicroProfile Health checks: ready only when database, broker and target directory work. */
package org.odcsj.health;
