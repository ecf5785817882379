#include "signingkey.h"

#include "model/domain/tr.h"
#include "model/io/keyfile.h"
#include "model/storage/database.h"

#include <QFile>
#include <QSaveFile>

#include <sodium.h>

namespace Stockroom::Sync {

namespace {

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

Status writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions mode)
{
    if (QFile::exists(path))
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 exists already; a key is never overwritten.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(mode))
        return fail(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(content + '\n');
    if (!file.commit())
        return fail(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

SigningKey::SigningKey(QByteArray secret)
    : m_secret(std::move(secret))
{}

SigningKey::SigningKey(SigningKey &&other) noexcept
    : m_secret(std::exchange(other.m_secret, QByteArray()))
{}

SigningKey &SigningKey::operator=(SigningKey &&other) noexcept
{
    wipe();
    m_secret = std::exchange(other.m_secret, QByteArray());
    return *this;
}

SigningKey::~SigningKey()
{
    wipe();
}

void SigningKey::wipe()
{
    if (!m_secret.isEmpty())
        sodium_memzero(m_secret.data(), size_t(m_secret.size()));
    m_secret.clear();
}

Result<SigningKey> SigningKey::load(const QString &path)
{
    if (sodium_init() < 0)
        return fail(ErrorCode::Database, Tr::tr("libsodium could not start."));
    auto secret = KeyFile::read(path, crypto_sign_SECRETKEYBYTES, Tr::tr("a signing key"));
    if (!secret)
        return std::unexpected(secret.error());
    // The secret key carries its public key: they must belong together (the public key
    // made again from the secret's seed).
    unsigned char seed[crypto_sign_SEEDBYTES];
    unsigned char derived[crypto_sign_PUBLICKEYBYTES];
    unsigned char again[crypto_sign_SECRETKEYBYTES];
    crypto_sign_ed25519_sk_to_seed(seed, bytes(*secret));
    crypto_sign_seed_keypair(derived, again, seed);
    const bool whole = sodium_memcmp(derived,
                                     bytes(*secret) + crypto_sign_SECRETKEYBYTES - sizeof derived,
                                     sizeof derived)
                       == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(again, sizeof again);
    if (!whole) {
        sodium_memzero(secret->data(), size_t(secret->size()));
        return fail(ErrorCode::InvalidInput, Tr::tr("%1 is not a whole signing key.").arg(path));
    }
    return SigningKey(*secret);
}

Result<SigningKey> SigningKey::create(const QString &path)
{
    if (sodium_init() < 0)
        return fail(ErrorCode::Database, Tr::tr("libsodium could not start."));
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, '\0');
    QByteArray secret(crypto_sign_SECRETKEYBYTES, '\0');
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(publicKey.data()),
                        reinterpret_cast<unsigned char *>(secret.data()));
    SigningKey key(secret);
    sodium_memzero(secret.data(), size_t(secret.size()));
    const QString publicPath = path + QStringLiteral(".pub");
    if (QFile::exists(publicPath))
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 exists already; a key is never overwritten.").arg(publicPath));
    QByteArray text = key.m_secret.toBase64();
    auto written = writeFile(path, text, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    sodium_memzero(text.data(), size_t(text.size()));
    if (!written)
        return std::unexpected(written.error());
    if (auto pub = writeFile(publicPath,
                             publicKey.toBase64(),
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                 | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !pub)
        return std::unexpected(pub.error());
    return key;
}

QByteArray SigningKey::publicKey() const
{
    return m_secret.right(crypto_sign_PUBLICKEYBYTES);
}

LedgerCheckpoint SigningKey::sign(qint64 seq, const QString &hash, qint64 signedAt) const
{
    LedgerCheckpoint checkpoint{seq, hash, signedAt, publicKey(), QByteArray()};
    const QByteArray message = checkpoint.message();
    checkpoint.signature = QByteArray(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char *>(checkpoint.signature.data()),
                         nullptr,
                         bytes(message),
                         quint64(message.size()),
                         bytes(m_secret));
    return checkpoint;
}

Result<bool> SigningKey::signHead(Database &db, const Clock &clock) const
{
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    LedgerCheckpoints checkpoints(db);
    auto head = checkpoints.head();
    if (!head)
        return std::unexpected(head.error());
    auto newest = checkpoints.newest();
    if (!newest)
        return std::unexpected(newest.error());
    if (head->first == 0 || newest->seq >= head->first)
        return false;
    if (auto added = checkpoints.add(sign(head->first, head->second, clock.msecsSinceEpoch()));
        !added)
        return std::unexpected(added.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return true;
}

} // namespace Stockroom::Sync
