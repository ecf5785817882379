#pragma once

// Passwords: argon2id hashing through libsodium (crypto_pwhash_str), with its interactive
// limits. The stored string embeds the algorithm, salt and cost, so costs can be raised
// later without breaking old hashes.

#include "error.h"

namespace Stockroom {

class Passwords
{
public:
    static Result<QString> hash(const QString &password);
    static bool verify(const QString &password, const QString &storedHash);
};

} // namespace Stockroom
