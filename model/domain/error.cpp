#include "error.h"

namespace Stockroom {

QString Error::codeName() const
{
    switch (code) {
    case ErrorCode::Database:
        return QStringLiteral("database");
    case ErrorCode::NotEncrypted:
        return QStringLiteral("not-encrypted");
    case ErrorCode::WrongKey:
        return QStringLiteral("wrong-key");
    case ErrorCode::NotADatabase:
        return QStringLiteral("not-a-database");
    case ErrorCode::SchemaTooNew:
        return QStringLiteral("schema-too-new");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::UnknownBarcode:
        return QStringLiteral("unknown-barcode");
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid-input");
    case ErrorCode::InsufficientStock:
        return QStringLiteral("insufficient-stock");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission-denied");
    case ErrorCode::VersionConflict:
        return QStringLiteral("version-conflict");
    case ErrorCode::Duplicate:
        return QStringLiteral("duplicate");
    case ErrorCode::LedgerTampered:
        return QStringLiteral("ledger-tampered");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Contended:
        return QStringLiteral("contended");
    case ErrorCode::Corrupt:
        return QStringLiteral("corrupt");
    }
    return QStringLiteral("unknown");
}

} // namespace Stockroom
