#pragma once

// Schema: the forward-only migrations of a Stockroom database.
//
// Each migration takes the schema from the version before it to its own, in one
// transaction together with its row in schema_version; it never runs twice and is never
// undone. A database newer than this build refuses to open (SchemaTooNew) rather than
// being written by code that does not know its tables.

#include "error.h"

namespace Stockroom {

class Database;

class Schema
{
public:
    static int latestVersion();
    // The version the database is at; 0 for an empty database.
    static int currentVersion(const Database &db);
    // Applies every migration above the current version, up to target (latest by default).
    static Status migrate(Database &db, int targetVersion = -1);
};

} // namespace Stockroom
