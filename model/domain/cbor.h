#pragma once

// readCbor and cborInteger: the one way Stockroom reads CBOR bytes into a value, and an
// integer out of a value, for messages from the network and for bodies it stored itself
// alike (a file may have been damaged or edited).
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

// A value's integer, or 0 when it holds none. QCborValue::toInteger() also converts a
// double, and one beyond the range of qint64 (a CBOR float of 2^64, say) is undefined
// behaviour there: found by the protocol fuzz harness.
qint64 cborInteger(const QCborValue &value);

} // namespace Stockroom
