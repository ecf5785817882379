#include "passwords.h"

#include "tr.h"

#include <sodium.h>

namespace Stockroom {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

Result<QString> Passwords::hash(const QString &password)
{
    if (password.size() < 8)
        return fail(ErrorCode::InvalidInput, Tr::tr("A password needs at least 8 characters."));
    if (!sodiumReady())
        return fail(ErrorCode::Database, Tr::tr("The password library failed to start."));
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out,
                              utf8.constData(),
                              quint64(utf8.size()),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return fail(ErrorCode::Database, Tr::tr("Not enough memory to hash the password."));
    }
    return QString::fromLatin1(out);
}

bool Passwords::verify(const QString &password, const QString &storedHash)
{
    if (!sodiumReady())
        return false;
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size()))
           == 0;
}

} // namespace Stockroom
