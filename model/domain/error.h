#pragma once

// Error and Result: how everything in Stockroom that can fail reports it.
//
// An Error carries a stable code (for programs, logs and tests) and a translated
// message (for people). A stale edit also carries both sides of the conflict.
// No exception crosses a module boundary; functions return Result<T> instead.

#include <QString>
#include <QVariantMap>

#include <expected>
#include <optional>

namespace Stockroom {

enum class ErrorCode {
    Database,          // the storage layer failed (I/O, SQL, busy)
    NotEncrypted,      // SQLCipher is not linked in; refusing to write plaintext
    WrongKey,          // wrong key, or the file is not a Stockroom database
    NotADatabase,      // a plaintext SQLite file or a file of another kind
    SchemaTooNew,      // the database was written by a newer Stockroom
    NotFound,          // an id, code or name that does not exist
    UnknownBarcode,    // a scanned or typed code that matches nothing
    InvalidInput,      // a value that breaks a rule (quantity, code, date, ...)
    InsufficientStock, // an issue larger than stock under the "refuse" policy
    PermissionDenied,  // the user's role does not allow the command
    VersionConflict,   // an edit made against an old version
    Duplicate,         // a unique value that is already taken
    LedgerTampered,    // verify found a difference
    Io,                // a file could not be read or written
    Cancelled,         // the user stopped a long task; nothing half-done was kept
    Contended,         // another writer changed the same row first; trying again may succeed
    Corrupt,           // the file is damaged: it cannot be read, or fails its integrity check
};

// Both sides of a stale edit: what the user meant to write, and what is stored now.
struct Conflict
{
    QString entity;
    qint64 id = 0;
    qint64 baseVersion = 0;
    qint64 currentVersion = 0;
    QVariantMap mine;
    QVariantMap theirs;
};

struct Error
{
    ErrorCode code = ErrorCode::Database;
    QString message;
    std::optional<Conflict> conflict;

    // A stable name for the code, for logs and machine-readable output.
    QString codeName() const;
};

template<typename T>
using Result = std::expected<T, Error>;

// The Result of something that returns no value.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, const QString &message)
{
    return std::unexpected(Error{code, message, std::nullopt});
}

} // namespace Stockroom
