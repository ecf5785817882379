#pragma once

// Passphrase: where a command-line program gets a secret (a database key, a password, a
// token) from, in this order: a file its option names, an environment variable, or a
// prompt on the terminal with echo off. Without a terminal, the error names the secret
// that is missing and both other ways to give it.

#include "model/domain/error.h"

#include <QString>

namespace Stockroom {

// Where one secret may come from, and its name for a message that says it is missing.
struct SecretSource
{
    QString what;        // "the database key", "the admin's password"
    QString file;        // the file the option names; may be empty
    QString fileOption;  // "--key-file"
    const char *envName; // "STOCKROOM_DB_KEY"
};

class Passphrase
{
public:
    // From the file, else the variable, else asked on the terminal with prompt.
    static Result<QString> obtain(const SecretSource &source, const QString &prompt);
    // The same; on the terminal, asked twice, and both must agree.
    static Result<QString> obtainNew(const SecretSource &source);
};

} // namespace Stockroom
