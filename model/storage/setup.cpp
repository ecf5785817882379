#include "setup.h"

#include "model/services/userservice.h"

#include <QFile>

namespace Stockroom {

Result<std::unique_ptr<Database>> Setup::createDatabase(const NewDatabase &request,
                                                        const Clock &clock)
{
    auto db = Database::create(request.path, request.key);
    if (!db)
        return db;
    const auto undo = [&](const Error &error) -> Result<std::unique_ptr<Database>> {
        db->reset();
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(request.path + QString::fromLatin1(suffix));
        return std::unexpected(error);
    };
    if (auto set = (*db)->setSetting(QStringLiteral("time_zone"),
                                     QString::fromLatin1(request.zone.id()));
        !set)
        return undo(set.error());
    auto admin = UserService(**db, clock)
                     .createFirstAdmin({request.adminName, {}, Role::Admin, request.adminPassword});
    if (!admin)
        return undo(admin.error());
    return db;
}

} // namespace Stockroom
