#pragma once

// Passphrase: where a command-line program gets a database key from, in this order: --key-file, the
// STOCKROOM_DB_KEY environment variable, or a prompt on the terminal with echo off.

#include "model/domain/error.h"

namespace Stockroom {

class Passphrase
{
public:
    // keyFile may be empty. envName is the variable to read. prompt is shown on the tty.
    static Result<QString> obtain(const QString &keyFile,
                                  const char *envName,
                                  const QString &prompt);
    // Asks twice on the terminal and insists both agree.
    static Result<QString> obtainNew(const QString &keyFile, const char *envName);
};

} // namespace Stockroom
