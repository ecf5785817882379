#pragma once

// TempDatabase: a real encrypted database file in a temporary folder, removed afterwards;
// or, where the tests run on PostgreSQL (see testbackend.h), a new PostgreSQL database.

#include "model/storage/database.h"

#include <QTemporaryDir>

#include <memory>

namespace Stockroom::Test {

class TempDatabase
{
public:
    static constexpr auto passphrase = "correct horse battery staple";

    TempDatabase();

    QString path() const { return m_location; }
    QString dir() const { return m_dir.path(); }

    // Creates the database at path() (aborting the test on failure) and returns it.
    Database &create(int schemaVersion = -1);
    // Opens the file again as a second, independent connection.
    std::unique_ptr<Database> openAnother() const;
    Database &db() { return *m_db; }
    void close() { m_db.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_location;
    std::unique_ptr<Database> m_db;
};

} // namespace Stockroom::Test
