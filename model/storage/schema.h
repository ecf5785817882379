#pragma once

// Schema: the forward-only migrations of a Stockroom database.
//
// Each migration takes the schema from the version before it to its own, in one
// transaction together with its row in schema_version; it never runs twice and is never
// undone. A database newer than this build refuses to open (SchemaTooNew) rather than
// being written by code that does not know its tables.

#include "model/domain/error.h"

namespace Stockroom {

class Database;

class Schema
{
public:
    // The newest version this build knows of the embedded store's schema.
    static int latestVersion();
    // The last version that edits a table's recorded definition, which a connection that
    // was open during the migration does not read again.
    static constexpr int lastTableRewrite = 5;
    // The same for the database's backend; each backend has its own list of migrations.
    static int latestVersion(const Database &db);
    // The version the database is at; 0 for an empty database.
    static int currentVersion(const Database &db);
    // Applies every migration above the current version, up to target (latest by default).
    static Status migrate(Database &db, int targetVersion = -1);
};

} // namespace Stockroom
