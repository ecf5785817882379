#include "checkpoints.h"

#include "model/storage/database.h"

#include <QDataStream>
#include <QIODevice>
#include <QSqlQuery>

#include <sodium.h>

namespace Stockroom {

QByteArray LedgerCheckpoint::message() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out.writeRawData("stockroom ledger checkpoint 1", 29);
    out << seq << hash.toUtf8() << signedAt;
    return bytes;
}

bool LedgerCheckpoint::isSignedBySigner() const
{
    if (sodium_init() < 0 || signer.size() != crypto_sign_PUBLICKEYBYTES
        || signature.size() != crypto_sign_BYTES)
        return false;
    const QByteArray signedBytes = message();
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(
                                           signature.constData()),
                                       reinterpret_cast<const unsigned char *>(
                                           signedBytes.constData()),
                                       quint64(signedBytes.size()),
                                       reinterpret_cast<const unsigned char *>(signer.constData()))
           == 0;
}

LedgerCheckpoints::LedgerCheckpoints(const Database &db)
    : m_db(db)
{
    static_assert(publicKeySize == crypto_sign_PUBLICKEYBYTES);
    static_assert(signatureSize == crypto_sign_BYTES);
}

Result<std::pair<qint64, QString>> LedgerCheckpoints::head() const
{
    auto query = m_db.run(
        QStringLiteral("SELECT seq, hash FROM movements ORDER BY seq DESC LIMIT 1"));
    if (!query)
        return std::unexpected(query.error());
    std::pair<qint64, QString> head{0, QString()};
    if ((*query)->next())
        head = {(*query)->value(0).toLongLong(), (*query)->value(1).toString()};
    (*query)->finish();
    return head;
}

Result<LedgerCheckpoint> LedgerCheckpoints::newest() const
{
    auto query = m_db.run(QStringLiteral("SELECT seq, hash, signed_at, signer, signature FROM "
                                         "ledger_checkpoints ORDER BY seq DESC LIMIT 1"));
    if (!query)
        return std::unexpected(query.error());
    LedgerCheckpoint newest;
    if ((*query)->next())
        newest = fromRow(**query);
    (*query)->finish();
    return newest;
}

LedgerCheckpoint LedgerCheckpoints::fromRow(const QSqlQuery &row)
{
    return {row.value(0).toLongLong(),
            row.value(1).toString(),
            row.value(2).toLongLong(),
            QByteArray::fromBase64(row.value(3).toString().toLatin1()),
            row.value(4).toByteArray()};
}

Status LedgerCheckpoints::add(const LedgerCheckpoint &checkpoint)
{
    auto query = m_db.run(
        m_db.sql("INSERT OR IGNORE INTO ledger_checkpoints (seq, hash, signed_at, signer, "
                 "signature) VALUES (?, ?, ?, ?, ?)",
                 "INSERT INTO ledger_checkpoints (seq, hash, signed_at, signer, signature) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING"),
        {checkpoint.seq,
         checkpoint.hash,
         checkpoint.signedAt,
         QString::fromLatin1(checkpoint.signer.toBase64()),
         checkpoint.signature});
    if (!query)
        return std::unexpected(query.error());
    (*query)->finish();
    return {};
}

} // namespace Stockroom
