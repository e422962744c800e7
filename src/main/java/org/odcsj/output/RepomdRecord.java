package org.odcsj.output;

/**
 * One {@code <data>} entry of repomd.xml: a metadata file's type ({@code primary}, …), the sha256
 * of its compressed and uncompressed bytes, both sizes, and its href relative to the repository.
 */
public record RepomdRecord(
    String type, String checksum, String openChecksum, long size, long openSize, String href) {}
