#pragma once

// Setup: a new Stockroom database, ready to sign in to: encrypted under its key, its time
// zone set (the days of reports and charts), its first admin created. A failure at any
// step leaves no file behind. The CLI's init and the app's first start both use it.

#include "database.h"
#include "model/domain/clock.h"

#include <QTimeZone>

#include <memory>

namespace Stockroom {

struct NewDatabase
{
    QString path;
    QString key;
    QTimeZone zone = QTimeZone::systemTimeZone();
    QString adminName = QStringLiteral("admin");
    QString adminPassword;
};

class Setup
{
public:
    static Result<std::unique_ptr<Database>> createDatabase(const NewDatabase &request,
                                                            const Clock &clock);
};

} // namespace Stockroom
