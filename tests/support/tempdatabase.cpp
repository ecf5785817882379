#include "tempdatabase.h"

#include "printers.h"
#include "testbackend.h"

#include <gtest/gtest.h>

namespace Stockroom::Test {

TempDatabase::TempDatabase()
    : m_location(TestBackend::newDatabase(m_dir.filePath(QStringLiteral("stock.db"))))
{
    EXPECT_TRUE(m_dir.isValid());
}

Database &TempDatabase::create(int schemaVersion)
{
    auto db = Database::create(path(), QString::fromLatin1(passphrase), schemaVersion);
    if (!db) {
        ADD_FAILURE() << "cannot create the test database: " << db.error().message.toStdString();
        std::abort();
    }
    m_db = std::move(*db);
    return *m_db;
}

std::unique_ptr<Database> TempDatabase::openAnother() const
{
    auto db = Database::open(path(), QString::fromLatin1(passphrase));
    if (!db) {
        ADD_FAILURE() << "cannot open the test database: " << db.error().message.toStdString();
        return nullptr;
    }
    return std::move(*db);
}

} // namespace Stockroom::Test
