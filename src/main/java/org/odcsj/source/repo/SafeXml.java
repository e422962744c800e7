package org.odcsj.source.repo;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * StAX for metadata from elsewhere. Repodata never has a DTD, and a DTD is how the usual XML
 * attacks come (entity expansion — "billion laughs" — and external entities reading local files or
 * URLs): the factory neither reads nor resolves one, and {@link #reader} refuses a document that
 * has one, with a reason, instead of parsing on. No JDK entity-size accounting either: it can trip
 * on a legitimately large primary.xml full of {@code &amp;}s, and without a DTD nothing expands.
 */
final class SafeXml {
  private SafeXml() {}

  static XMLInputFactory inputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    for (String limit :
        new String[] {
          "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit",
          "http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit"
        }) {
      try {
        f.setProperty(limit, 0); // 0 = no limit; safe since no DTD means no entity expansion
      } catch (IllegalArgumentException notTheJdkParser) {
        // another StAX implementation: its own defaults apply
      }
    }
    return f;
  }

  /** A reader of {@code in} that fails on a DTD ({@code <!DOCTYPE …>}) with {@link DtdRefused}. */
  static XMLStreamReader reader(InputStream in, String name) throws XMLStreamException {
    return new StreamReaderDelegate(inputFactory().createXMLStreamReader(in)) {
      @Override
      public int next() throws XMLStreamException {
        int event = super.next();
        if (event == XMLStreamConstants.DTD) {
          throw new DtdRefused(name);
        }
        return event;
      }
    };
  }

  /** What a parser reports for {@code e} while reading {@code file}. */
  static IOException failure(XMLStreamException e, String file) {
    if (e instanceof DtdRefused) {
      return new RefusedRepository(e.getMessage());
    }
    return new IOException("cannot parse " + file + ": " + e.getMessage(), e);
  }

  /** A document type declaration in metadata. */
  static final class DtdRefused extends XMLStreamException {
    DtdRefused(String file) {
      super(
          file
              + " contains a DTD (<!DOCTYPE …>); refused: repodata never declares one, and its"
              + " entity declarations could expand without bound or read other files");
    }
  }
}
