#pragma once

// The sync protocol's messages (docs/sync-protocol.md): CBOR maps in binary WebSocket
// frames. This file reads and writes them and nothing else; it knows no database.

#include "model/domain/error.h"

#include <QCborArray>
#include <QCborMap>

class QWebSocket;

namespace Stockroom::Sync {

inline constexpr int protocolVersion = 1;
inline constexpr qint64 defaultMaxMessage = 4 * 1024 * 1024;
// What a server may set maxMessage to (--max-message): room for an operation with long
// texts, and far from what a QByteArray holds.
inline constexpr qint64 minMaxMessage = 64 * 1024;
inline constexpr qint64 maxMaxMessage = 256 * 1024 * 1024;
inline constexpr int defaultMaxBatch = 2000;
inline constexpr int defaultPushGroupOps = 20000;
inline constexpr int defaultHeartbeatMs = 15000;
inline constexpr int maxPullLimit = 5000;
// The bytes of a pulled page's items the server aims to stay under: a quarter of what a
// client takes in one message (4 * defaultMaxMessage), so that the one item a page always
// holds fits even when it is far larger than any the limits let in today.
inline constexpr qsizetype maxPullBytes = defaultMaxMessage;
// Pushes a connection may have waiting for their answers: enough that while the server
// applies one group of them, the client has the next ones read, encoded and on their way
// (the server applies what has queued as one group, and a group of 16,000 operations costs
// the encrypted store a tenth less a movement than one of 8,000: the pages every group
// dirties are shared by more movements). The server says its number in welcome; a server
// that does not say it takes two.
inline constexpr int maxPushesInFlight = 16;
inline constexpr int olderServersPushesInFlight = 2;

// A refusal the server sends as an "error" message. Fatal ones close the connection.
struct ProtocolError
{
    QString code;
    QString message;
    bool fatal = true;
};

// Decodes one frame into a message map, or says why it is not one.
std::expected<QCborMap, ProtocolError> decode(const QByteArray &frame, qint64 maxSize);
QByteArray encode(const QCborMap &message);

// The "t" of a message, and typed reads of required keys: a missing key or a value of
// the wrong type is a malformed message.
QString typeOf(const QCborMap &message);
std::expected<QString, ProtocolError> requireText(const QCborMap &map, const char *key);
std::expected<qint64, ProtocolError> requireInteger(const QCborMap &map, const char *key);
std::expected<QCborArray, ProtocolError> requireArray(const QCborMap &map, const char *key);
std::expected<QCborMap, ProtocolError> requireMap(const QCborMap &map, const char *key);

QCborMap errorMessage(const ProtocolError &error, const QCborValue &requestId = {});

// Operations encoded as a push carries them: count CBOR maps one after another. A
// workstation writes them straight from its outbox, without building each as a QCborMap.
struct EncodedOperations
{
    QByteArray cbor;
    qsizetype count = 0;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    // The device's history chain (historychain.h) before the first operation and after the
    // last; empty when the sender keeps none.
    QByteArray prev;
    QByteArray head;
};
// Bytes a push message takes besides its operations.
inline constexpr qsizetype pushMessageOverhead = 64;
// The "push" message with these operations (and their chain, when they have one), byte for
// byte what encode() makes of the same message built as a map.
QByteArray pushMessage(qint64 id, const EncodedOperations &ops);
// The operations as an array, for whoever wants to look at them.
QCborArray decodeOperations(const EncodedOperations &ops);

// Where a pull has got to: the last master-data change and the last ledger line seen.
// Opaque to clients; also an operation's base.
struct Cursor
{
    qint64 master = 0;
    qint64 ledger = 0;

    QByteArray toBytes() const;
    // An empty array is the start. Anything unreadable is malformed.
    static std::expected<Cursor, ProtocolError> fromBytes(const QByteArray &bytes);
};

// A value for a CBOR message: null for a NULL column or an invalid variant.
QCborValue cborOrNull(const QVariant &value);

// Turns off Nagle's algorithm on a client WebSocket's TCP connection. Qt writes a frame's
// header and payload separately, and without this the payload of a small message waits
// for the peer's delayed acknowledgement of the header: 40 ms on Linux.
void setLowDelay(QWebSocket &socket);

// Shorthand for a CBOR key. A Latin-1 view, so that looking a key up in a QCborMap
// allocates nothing (the sync path does it a few dozen times per operation).
inline QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

} // namespace Stockroom::Sync
