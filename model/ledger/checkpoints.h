#pragma once

// LedgerCheckpoints: the signed checkpoints of a server's ledger (docs/security.md).
//
// Every so often the server signs the ledger's newest line: its seq and its hash, with
// the time, by an Ed25519 key kept apart from the database's key (sync/server/
// signingkey.h). Whoever holds the database key but not the signing key cannot make the
// chain lead anywhere else up to the newest checkpoint, nor cut lines off before it,
// without verify saying so. This class reads and writes the table, and checks a
// checkpoint's signature (libsodium), which needs only the public key.

#include "model/domain/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QSqlQuery;

namespace Stockroom {

class Database;

struct LedgerCheckpoint
{
    qint64 seq = 0;       // the ledger line signed
    QString hash;         // its hash
    qint64 signedAt = 0;  // UTC ms
    QByteArray signer;    // the Ed25519 public key (32 bytes)
    QByteArray signature; // 64 bytes

    // The bytes signed: a fixed label, seq, hash and time, so that a signature over
    // anything else never passes for one.
    QByteArray message() const;
    // Whether the signature is the signer's over message().
    bool isSignedBySigner() const;
};

class LedgerCheckpoints
{
public:
    static constexpr qsizetype publicKeySize = 32;
    static constexpr qsizetype signatureSize = 64;

    explicit LedgerCheckpoints(const Database &db);

    // The ledger's newest line (seq 0 and an empty hash for an empty ledger).
    Result<std::pair<qint64, QString>> head() const;
    // The newest checkpoint; seq 0 when there is none.
    Result<LedgerCheckpoint> newest() const;
    // Stores a checkpoint; one of the same line (another instance signed it) is kept.
    Status add(const LedgerCheckpoint &checkpoint);
    // A checkpoint from a row whose first columns are seq, hash, signed_at, signer and
    // signature, as the table holds them.
    static LedgerCheckpoint fromRow(const QSqlQuery &row);

private:
    const Database &m_db;
};

} // namespace Stockroom
