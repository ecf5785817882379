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
    // The version the database is at; 0 for a database without the version table yet.
    // A file that cannot be read is an error, never version 0: migrations must not run
    // over a database whose version they failed to read.
    static Result<int> currentVersion(const Database &db);
    // Whether the database holds the version table at all: whether it is Stockroom's.
    static Result<bool> hasVersionTable(const Database &db);
    // Applies every migration above the current version, up to target (latest by default).
    static Status migrate(Database &db, int targetVersion = -1);
};

} // namespace Stockroom
