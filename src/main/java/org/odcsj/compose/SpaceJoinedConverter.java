package org.odcsj.compose;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link SpaceJoined} list as its text column (null stays null). */
@Converter
public class SpaceJoinedConverter implements AttributeConverter<SpaceJoined, String> {

  @Override
  public String convertToDatabaseColumn(SpaceJoined attribute) {
    return SpaceJoined.text(attribute);
  }

  @Override
  public SpaceJoined convertToEntityAttribute(String column) {
    return SpaceJoined.of(column);
  }
}
