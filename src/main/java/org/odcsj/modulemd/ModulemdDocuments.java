package org.odcsj.modulemd;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A stream of modulemd documents, as a {@code modules.yaml} holds them: module streams (v2) and
 * defaults (v1). Other document kinds (translations, obsoletes) are skipped when read. Written back
 * in block style with every document between {@code ---} and {@code ...}, as libmodulemd writes
 * them; strings that would read as numbers or booleans ({@code "1"}, {@code "00000000"}) are quoted
 * by the YAML library.
 */
public record ModulemdDocuments(List<ModuleStream> streams, List<ModuleDefaults> defaults) {

  /** Longest YAML text read (a modulemd with its artifact list is rarely over a few MB). */
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  public ModulemdDocuments {
    streams = List.copyOf(streams);
    defaults = List.copyOf(defaults);
  }

  public static ModulemdDocuments parse(String yaml) {
    return parse(new Load(loadSettings()).loadAllFromString(yaml));
  }

  public static ModulemdDocuments parse(Reader yaml) {
    return parse(new Load(loadSettings()).loadAllFromReader(yaml));
  }

  private static ModulemdDocuments parse(Iterable<Object> documents) {
    List<ModuleStream> streams = new ArrayList<>();
    List<ModuleDefaults> defaults = new ArrayList<>();
    try {
      for (Object document : documents) {
        if (document == null) {
          continue;
        }
        Map<String, Object> root = YamlTree.map(YamlTree.copy(document), "a modulemd document");
        String kind = YamlTree.text(root, "document", "a modulemd document");
        Long version = YamlTree.number(root, "version", "a modulemd document");
        if ("modulemd".equals(kind)) {
          if (version == null || version != 2) {
            throw new ModulemdException(
                "modulemd version " + version + " is not supported (only version 2)");
          }
          streams.add(new ModuleStream(root));
        } else if ("modulemd-defaults".equals(kind)) {
          if (version == null || version != 1) {
            throw new ModulemdException(
                "modulemd-defaults version " + version + " is not supported (only version 1)");
          }
          defaults.add(new ModuleDefaults(root));
        }
      }
    } catch (YamlEngineException e) {
      throw new ModulemdException("modulemd is not valid YAML: " + e.getMessage(), e);
    }
    return new ModulemdDocuments(streams, defaults);
  }

  /** Writes the streams, then the defaults. */
  public void write(Writer out) throws IOException {
    Dump dump = new Dump(dumpSettings());
    StreamDataWriter writer =
        new StreamDataWriter() {
          @Override
          public void write(String text) {
            try {
              out.write(text);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public void write(String text, int offset, int length) {
            try {
              out.write(text, offset, length);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    List<Object> trees = new ArrayList<>();
    streams.forEach(s -> trees.add(s.tree()));
    defaults.forEach(d -> trees.add(d.tree()));
    try {
      dump.dumpAll(trees.iterator(), writer);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
  }

  /** The documents as YAML text. */
  public String text() {
    StringWriter out = new StringWriter();
    try {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static LoadSettings loadSettings() {
    return LoadSettings.builder()
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(20)
        .setCodePointLimit(MAX_CODE_POINTS)
        .setLabel("modulemd")
        // The JSON schema (the default) reads an unquoted 00000000 as the string it is meant
        // to be; the core schema would make it the number 0.
        .build();
  }

  private static DumpSettings dumpSettings() {
    return DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setExplicitStart(true)
        .setExplicitEnd(true)
        .setWidth(4096)
        .setIndent(2)
        .setSchema(new QuotingSchema())
        .build();
  }
}
