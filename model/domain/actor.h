#pragma once

// Actor: who is running a command, and what their role allows.
//
// Every command checks its permission before it touches data, so a clerk cannot reach a
// manager action from any entry point: a dialog, a scan, the CLI or a sync replay.

#include "error.h"
#include "types.h"

namespace Stockroom {

enum class Permission {
    RecordMovement, // receive, issue, transfer, count
    Adjust,         // adjustments and posting stocktake differences
    EditMasterData, // products, barcodes, locations
    EditThresholds,
    AcknowledgeAlerts,
    ManageUsers,
    ChangeSettings,
};

struct Actor
{
    qint64 userId = 0;
    QString username;
    Role role = Role::Clerk;

    bool can(Permission permission) const;
    // Succeeds when allowed, or fails with PermissionDenied and a message naming the role.
    Status require(Permission permission) const;
};

} // namespace Stockroom
