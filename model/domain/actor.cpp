#include "actor.h"

#include "tr.h"

namespace Stockroom {

namespace {

Role minimumRole(Permission permission)
{
    switch (permission) {
    case Permission::RecordMovement:
        return Role::Clerk;
    case Permission::Adjust:
    case Permission::EditMasterData:
    case Permission::EditThresholds:
    case Permission::AcknowledgeAlerts:
        return Role::Manager;
    case Permission::ManageUsers:
    case Permission::ChangeSettings:
        return Role::Admin;
    }
    return Role::Admin;
}

QString describe(Permission permission)
{
    switch (permission) {
    case Permission::RecordMovement:
        return Tr::tr("record movements");
    case Permission::Adjust:
        return Tr::tr("adjust stock");
    case Permission::EditMasterData:
        return Tr::tr("edit products and locations");
    case Permission::EditThresholds:
        return Tr::tr("edit thresholds");
    case Permission::AcknowledgeAlerts:
        return Tr::tr("acknowledge alerts");
    case Permission::ManageUsers:
        return Tr::tr("manage users");
    case Permission::ChangeSettings:
        return Tr::tr("change settings");
    }
    return QString();
}

} // namespace

bool Actor::can(Permission permission) const
{
    // Roles are ordered: each one may do everything the one below it may.
    return userId > 0 && int(role) >= int(minimumRole(permission));
}

Status Actor::require(Permission permission) const
{
    if (can(permission))
        return {};
    if (userId <= 0)
        return fail(ErrorCode::PermissionDenied, Tr::tr("Sign in to %1.").arg(describe(permission)));
    return fail(ErrorCode::PermissionDenied,
                Tr::tr("%1 (%2) may not %3.").arg(username, displayName(role), describe(permission)));
}

} // namespace Stockroom
