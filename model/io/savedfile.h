#pragma once

// SavedFile: a file written whole or not at all. The writer fills a QSaveFile; only when it
// succeeds does the new file take the path's place. On any failure, or a cancel (which the
// writer reports as an error), whatever was at the path stays as it was and no part-file
// is left behind. Exports, reports and labels all save this way.

#include "model/domain/error.h"

#include <functional>

class QIODevice;

namespace Stockroom {

class SavedFile
{
public:
    static Status write(const QString &path, const std::function<Status(QIODevice &out)> &writer);
};

} // namespace Stockroom
