#pragma once

// KeyStore: a database key kept in the operating system's key store (the Secret Service on
// a Linux desktop, through QtKeychain), by the database's path, so that a workstation
// opens without typing it. Where no key store answers (a server, a session without one),
// reading finds nothing and storing fails with the key store's message; the key is then
// asked for as a passphrase. Every call waits at most a few seconds.

#include "model/domain/error.h"

#include <optional>

namespace Stockroom {

class KeyStore
{
public:
    static std::optional<QString> read(const QString &databasePath);
    static Status write(const QString &databasePath, const QString &key);
    static void forget(const QString &databasePath);
};

} // namespace Stockroom
