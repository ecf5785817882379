#pragma once

// What an insider with a database's key does with the standard sqlcipher tool, for the
// tests of what still gives them away (docs/security.md): drop the ledger's guards, change
// it, and recompute every line's hash so that the chain alone says "clean".

#include <QString>

namespace Stockroom {
class Database;
}

namespace Stockroom::Test {

// Runs statements on the file as the insider would, with the append-only triggers
// dropped first (on PostgreSQL, disabled, as its owner can); true when every one ran.
bool tamper(Database &db, const QStringList &statements);
// Recomputes every ledger line's hash from the chain's start.
bool rechainLedger(Database &db);

} // namespace Stockroom::Test
