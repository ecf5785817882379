#pragma once

// The verifier's checks of what points into the ledger (ledgerverifier.h): this device's
// movement numbers without a gap, the outbox's operations without a gap, each queued
// movement in the ledger under the user who queued it, and each stock row's last line in
// the ledger. An insider who deletes or re-attributes lines, and fixes the hash chain and
// the sums, still leaves these behind unless they are fixed as well.

#include "model/domain/error.h"

namespace Stockroom {

class Database;
struct VerifyReport;

Status checkHistoryReferences(const Database &db, VerifyReport &report);

} // namespace Stockroom
