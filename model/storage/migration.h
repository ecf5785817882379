#pragma once

// One forward-only schema migration: its version, what it adds, and its statements in order.
// Schema applies the list of the database's backend (schema.cpp for the embedded store,
// postgresschema.cpp for PostgreSQL).

#include <span>

namespace Stockroom {

struct Migration
{
    int version;
    const char *description;
    std::span<const char *const> statements;
};

// PostgreSQL's migrations, oldest first.
std::span<const Migration> postgresMigrations();

} // namespace Stockroom
