/**
 * How a source plugs in. A source type is one {@link org.odcsj.source.ComposeSource}: it checks a
 * request at submission ({@code validate}, an {@link org.odcsj.source.InvalidSourceRequest} is a
 * 400 naming the field) and fixes at generation what makes the compose reproducible ({@code
 * resolve}: a Koji event, NVRs; stored on the compose) with the fingerprint reuse compares ("" =
 * never reuse). A source that offers packages is a {@link org.odcsj.source.PackageSource}: its
 * {@link org.odcsj.source.PackageContent} gives candidates to the selection engine, the files of
 * the selected ones and what their repodata may be copied from; the generator's one pipeline does
 * the rest (select, place, repodata, productmd, publish). A source that writes its tree itself
 * (Pulp, an external Pungi) is a {@link org.odcsj.source.TreeSource}. Write it in a subpackage of
 * its own, plain Java, and add one producer to {@code generation.SourcePlugins}: nothing else
 * changes. A failure the user can act on is a {@link org.odcsj.source.SourceFailure} (its message
 * is the reason).
 */
package org.odcsj.source;
