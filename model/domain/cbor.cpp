#include "cbor.h"

namespace Stockroom {

std::optional<QCborValue> readCbor(const QByteArray &bytes)
{
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || error.offset != bytes.size())
        return std::nullopt;
    return value;
}

qint64 cborInteger(const QCborValue &value)
{
    return value.isInteger() ? value.toInteger() : 0;
}

} // namespace Stockroom
