#include "protocol.h"

#include "model/domain/cbor.h"

#include <QAbstractSocket>
#include <QHash>
#include <QWebSocket>

namespace Stockroom::Sync {

namespace {

ProtocolError malformed(const QString &message)
{
    return {QStringLiteral("malformed"), message, true};
}

} // namespace

std::expected<QCborMap, ProtocolError> decode(const QByteArray &frame, qint64 maxSize)
{
    if (frame.size() > maxSize) {
        return std::unexpected(
            ProtocolError{QStringLiteral("too-large"),
                          QStringLiteral("A message of %1 bytes is over the limit of "
                                         "%2 bytes.")
                              .arg(frame.size())
                              .arg(maxSize),
                          true});
    }
    // Qt's parser error is checked before the value is touched (see readCbor): its error
    // text goes into the refusal.
    QCborParserError parseError;
    const QCborValue parsed = QCborValue::fromCbor(frame, &parseError);
    if (parseError.error != QCborError::NoError)
        return std::unexpected(malformed(
            QStringLiteral("The message is not valid CBOR: %1").arg(parseError.errorString())));
    if (parseError.offset != frame.size())
        return std::unexpected(malformed(QStringLiteral("The message has bytes after its end.")));
    const QCborValue &value = parsed;
    if (!value.isMap())
        return std::unexpected(malformed(QStringLiteral("A message must be a CBOR map.")));
    const QCborMap map = value.toMap();
    if (!map.value(key("t")).isString())
        return std::unexpected(malformed(QStringLiteral("A message must have a type (\"t\").")));
    return map;
}

QByteArray encode(const QCborMap &message)
{
    return message.toCborValue().toCbor();
}

namespace {

// The head of a CBOR array of count items (RFC 8949, 3.1: major type 4), in the shortest
// form, as QCborStreamWriter writes it.
QByteArray arrayHead(qsizetype count)
{
    const auto n = quint64(count);
    constexpr char array = char(4 << 5);
    if (n < 24)
        return QByteArray(1, char(array | char(n)));
    int bytes = 8;
    char info = 27;
    if (n <= 0xff) {
        bytes = 1;
        info = 24;
    } else if (n <= 0xffff) {
        bytes = 2;
        info = 25;
    } else if (n <= 0xffffffff) {
        bytes = 4;
        info = 26;
    }
    QByteArray head(1, char(array | info));
    for (int i = bytes - 1; i >= 0; --i)
        head.append(char((n >> (8 * i)) & 0xff));
    return head;
}

} // namespace

QByteArray pushMessage(qint64 id, const EncodedOperations &ops)
{
    // The map with an empty "ops" last: its final byte is that empty array's head (0x80),
    // which the operations' head and the operations themselves take the place of.
    QCborMap message{{key("t"), QStringLiteral("push")}, {key("id"), id}};
    if (!ops.head.isEmpty())
        message.insert(key("chain"), QCborMap{{key("prev"), ops.prev}, {key("head"), ops.head}});
    message.insert(key("ops"), QCborArray());
    QByteArray frame = encode(message);
    Q_ASSERT(frame.endsWith(char(0x80)));
    frame.chop(1);
    frame.reserve(frame.size() + 9 + ops.cbor.size());
    frame += arrayHead(ops.count);
    frame += ops.cbor;
    return frame;
}

QCborArray decodeOperations(const EncodedOperations &ops)
{
    return readCbor(arrayHead(ops.count) + ops.cbor).value_or(QCborValue()).toArray();
}

QString typeOf(const QCborMap &message)
{
    return message.value(key("t")).toString();
}

std::expected<QString, ProtocolError> requireText(const QCborMap &map, const char *name)
{
    const QCborValue value = map.value(key(name));
    if (!value.isString())
        return std::unexpected(malformed(QStringLiteral("\"%1\" must be text.").arg(key(name))));
    return value.toString();
}

std::expected<qint64, ProtocolError> requireInteger(const QCborMap &map, const char *name)
{
    const QCborValue value = map.value(key(name));
    if (!value.isInteger())
        return std::unexpected(
            malformed(QStringLiteral("\"%1\" must be an integer.").arg(key(name))));
    return cborInteger(value);
}

std::expected<QCborArray, ProtocolError> requireArray(const QCborMap &map, const char *name)
{
    const QCborValue value = map.value(key(name));
    if (!value.isArray())
        return std::unexpected(malformed(QStringLiteral("\"%1\" must be an array.").arg(key(name))));
    return value.toArray();
}

std::expected<QCborMap, ProtocolError> requireMap(const QCborMap &map, const char *name)
{
    const QCborValue value = map.value(key(name));
    if (!value.isMap())
        return std::unexpected(malformed(QStringLiteral("\"%1\" must be a map.").arg(key(name))));
    return value.toMap();
}

QCborMap errorMessage(const ProtocolError &error, const QCborValue &requestId)
{
    QCborMap message{{key("t"), QStringLiteral("error")},
                     {key("code"), error.code},
                     {key("message"), error.message}};
    if (!requestId.isUndefined() && !requestId.isNull())
        message.insert(key("id"), requestId);
    return message;
}

QCborValue cborOrNull(const QVariant &value)
{
    return value.isNull() ? QCborValue(nullptr) : QCborValue::fromVariant(value);
}

QByteArray Cursor::toBytes() const
{
    return QCborValue(QCborArray{master, ledger}).toCbor();
}

std::expected<Cursor, ProtocolError> Cursor::fromBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return Cursor{};
    const QCborArray parts = readCbor(bytes).value_or(QCborValue()).toArray();
    if (parts.size() != 2 || !parts.at(0).isInteger() || !parts.at(1).isInteger()
        || cborInteger(parts.at(0)) < 0 || cborInteger(parts.at(1)) < 0)
        return std::unexpected(
            malformed(QStringLiteral("The cursor is not one this server made.")));
    return Cursor{cborInteger(parts.at(0)), cborInteger(parts.at(1))};
}

void setLowDelay(QWebSocket &socket)
{
    // QWebSocket does not expose its TCP socket, but owns it as a child.
    if (auto *tcp = socket.findChild<QAbstractSocket *>())
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

} // namespace Stockroom::Sync
