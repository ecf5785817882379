#pragma once

// Where server-side tests keep the server's data.
//
// By default on the embedded encrypted store, a file in the test's folder. With
// STOCKROOM_TEST_BACKEND=postgresql, in a new database of the throwaway PostgreSQL cluster
// that tests/postgres/cluster.sh started: STOCKROOM_TEST_POSTGRES names the folder where it
// wrote the cluster's admin URL (url) or why there is none (unavailable). ctest runs the
// server test suite both ways.

#include <QString>

namespace Stockroom::Test::TestBackend {

bool postgres();
// Why the PostgreSQL tests cannot run here; empty when they can (or are not asked for).
QString unavailableReason();
// A location for a new, empty server database: fileInDir itself, or under PostgreSQL the URL
// of a database created for it (aborting the test when that fails).
QString newDatabase(const QString &fileInDir);

} // namespace Stockroom::Test::TestBackend
