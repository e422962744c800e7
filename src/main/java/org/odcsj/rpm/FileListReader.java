package org.odcsj.rpm;

import java.util.ArrayList;
import java.util.List;
import org.odcsj.rpm.RpmPackage.FileType;
import org.odcsj.rpm.RpmPackage.PackageFile;

/**
 * The package's files from the header's own tags (BASENAMES/DIRNAMES/DIRINDEXES, FILEMODES,
 * FILEFLAGS), in header order — never from the payload, which would be slow and would miss %ghost
 * files.
 */
final class FileListReader {
  private static final int FILEMODES = 1030;
  private static final int FILEFLAGS = 1037;
  private static final int OLDFILENAMES = 1027;
  private static final int DIRINDEXES = 1116;
  private static final int BASENAMES = 1117;
  private static final int DIRNAMES = 1118;
  private static final int RPMFILE_GHOST = 1 << 6;
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;

  private FileListReader() {}

  static List<PackageFile> read(HeaderTags h) {
    String[] paths = paths(h);
    long[] modes = h.numbers(FILEMODES);
    long[] flags = h.numbers(FILEFLAGS);
    List<PackageFile> files = new ArrayList<>(paths.length);
    for (int i = 0; i < paths.length; i++) {
      long mode = i < modes.length ? modes[i] : 0;
      long flag = i < flags.length ? flags[i] : 0;
      FileType type;
      if ((mode & S_IFMT) == S_IFDIR) {
        type = FileType.DIR;
      } else if ((flag & RPMFILE_GHOST) != 0) {
        type = FileType.GHOST;
      } else {
        type = FileType.FILE;
      }
      files.add(new PackageFile(paths[i], type));
    }
    return files;
  }

  private static String[] paths(HeaderTags h) {
    String[] basenames = h.strings(BASENAMES);
    if (basenames.length == 0) {
      return h.strings(OLDFILENAMES); // rpm < 4.0 headers
    }
    String[] dirnames = h.strings(DIRNAMES);
    long[] dirIndexes = h.numbers(DIRINDEXES);
    String[] paths = new String[basenames.length];
    for (int i = 0; i < basenames.length; i++) {
      paths[i] = dirnames[(int) dirIndexes[i]] + basenames[i];
    }
    return paths;
  }
}
