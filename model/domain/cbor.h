#pragma once

// readCbor: the one way Stockroom reads CBOR bytes into a value, for messages from the
// network and for bodies it stored itself alike (a file may have been damaged or edited).
//
// It never hands back a value that Qt's parser failed on: QCborValue::fromCbor in Qt 6.4.2
// returns a String-typed value for a truncated text string (64 4A 4A 0A) whose toString()
// crashes, so the parser's error must be checked before the value is touched.

#include <QByteArray>
#include <QCborValue>

#include <optional>

namespace Stockroom {

// The value the bytes hold, or nothing when they are not exactly one whole CBOR item (an
// error, or bytes after its end).
std::optional<QCborValue> readCbor(const QByteArray &bytes);

} // namespace Stockroom
