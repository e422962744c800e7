/**
 * The {@code pungi_compose} source: what another compose (Pungi's, or another ODCS's) holds, read
 * from its productmd {@code rpms.json} over HTTP from allowed roots only. Plain Java SE: reads
 * metadata, fetches no package, and knows nothing of the container.
 */
package org.odcsj.source.koji.pungicompose;
