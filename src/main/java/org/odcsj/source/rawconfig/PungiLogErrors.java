package org.odcsj.source.rawconfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of a Pungi run as ODCS appends them to the failure reason: from {@code
 * logs/global/pungi.global.log}, a line with {@code [ERROR ]} starts an error (the text after the
 * marker), the next line without it is appended and closes it, an error still open at the end is
 * lost, errors starting with "Extended traceback in:" are dropped, and past 2000 characters the
 * text is cut with a pointer to the log. An unreadable log gives "".
 */
final class PungiLogErrors {

  static final String MARKER = "[ERROR   ]";
  static final int MAX_CHARS = 2000;

  private PungiLogErrors() {}

  static String of(Path composeDir) {
    Path log = composeDir.resolve("logs/global/pungi.global.log");
    List<String> errors = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new java.io.InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
      String error = "";
      long read = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        read += line.length();
        if (read > 64L * 1024 * 1024) {
          break;
        }
        int idx = line.indexOf(MARKER);
        if (idx == -1) {
          if (!error.isEmpty()) {
            errors.add(error + line + "\n");
            error = "";
          }
          continue;
        }
        if (!error.isEmpty()) {
          errors.add(error);
        }
        int start = Math.min(line.length(), idx + MARKER.length() + 1);
        error = line.substring(start) + "\n";
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String error : errors) {
      if (error.startsWith("Extended traceback in:")) {
        continue;
      }
      text.append(error);
      if (text.length() > MAX_CHARS) {
        text.setLength(MAX_CHARS);
        text.append(" ...\n Too many errors, see Pungi log for more information.");
        break;
      }
    }
    return text.toString();
  }
}
