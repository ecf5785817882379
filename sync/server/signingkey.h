#pragma once

// SigningKey: the server's Ed25519 key that signs checkpoints of its ledger
// (model/ledger/checkpoints.h, docs/security.md), kept in a file apart from the database's
// key: someone who has the database key but not this file cannot make a checkpoint.
//
// The file holds the 64-byte secret key (libsodium's, which carries the public key) in
// base64 on one line, readable by its owner alone; create() also writes the public key
// beside it (".pub"), to pin in the server's configuration and give to whoever verifies.
// The secret is wiped from memory when the key goes.

#include "model/domain/clock.h"
#include "model/domain/error.h"
#include "model/ledger/checkpoints.h"

#include <QByteArray>
#include <QString>

namespace Stockroom::Sync {

class SigningKey
{
public:
    static Result<SigningKey> load(const QString &path);
    // A new key at path, and its public key at path + ".pub"; an existing file is never
    // overwritten.
    static Result<SigningKey> create(const QString &path);

    SigningKey(SigningKey &&other) noexcept;
    SigningKey &operator=(SigningKey &&other) noexcept;
    SigningKey(const SigningKey &) = delete;
    SigningKey &operator=(const SigningKey &) = delete;
    ~SigningKey();

    QByteArray publicKey() const;
    LedgerCheckpoint sign(qint64 seq, const QString &hash, qint64 signedAt) const;

    // Signs the ledger's newest line, unless the newest checkpoint is of it already;
    // whether it signed.
    Result<bool> signHead(Database &db, const Clock &clock) const;

private:
    explicit SigningKey(QByteArray secret);
    void wipe();

    QByteArray m_secret;
};

} // namespace Stockroom::Sync
