#include "savedfile.h"

#include "model/domain/tr.h"

#include <QSaveFile>

namespace Stockroom {

Status SavedFile::write(const QString &path, const std::function<Status(QIODevice &out)> &writer)
{
    QSaveFile file(path);
    const auto failed = [&] {
        return fail(ErrorCode::Io,
                    Tr::tr("%1 could not be written: %2").arg(path, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    if (auto done = writer(file); !done) {
        file.cancelWriting();
        return done;
    }
    if (!file.commit())
        return failed();
    return {};
}

} // namespace Stockroom
