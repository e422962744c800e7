package org.odcsj.source.repo;

import javax.xml.stream.XMLInputFactory;

/**
 * A StAX input factory for metadata from elsewhere: no DTDs or external entities (repodata has
 * none, and they are the usual XML attacks), and no JDK entity-size accounting, which can trip on a
 * legitimately large primary.xml full of {@code &amp;}s.
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
}
