#pragma once

// A key file of a fixed number of bytes in base64 on one line (the server's signing key
// and its public key, sync/server/signingkey.h): read, or a clear error that says which
// file and what it should hold. Reads no more than such a line, whatever the file is.

#include "model/domain/error.h"

#include <QByteArray>
#include <QString>

namespace Stockroom::KeyFile {

// what names the key for the error ("a public key").
Result<QByteArray> read(const QString &path, qsizetype size, const QString &what);
// The server's Ed25519 public key, as verify pins it.
Result<QByteArray> readPublicKey(const QString &path);

} // namespace Stockroom::KeyFile
