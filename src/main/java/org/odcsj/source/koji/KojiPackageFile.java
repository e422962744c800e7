package org.odcsj.source.koji;

import java.nio.file.Path;

/** An RPM's file on the local disk and the sigkey of that copy ({@code ""}: as imported). */
public record KojiPackageFile(Path file, String sigkey) {}
