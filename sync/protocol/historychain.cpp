#include "historychain.h"

#include "model/domain/digest.h"

#include <QCborValue>

namespace Stockroom::Sync::HistoryChain {

QByteArray start()
{
    return QByteArray(linkSize, '\0');
}

QByteArray next(const QByteArray &previous, QByteArrayView operationCbor)
{
    return Digest::sha256({previous, operationCbor});
}

QByteArray next(const QByteArray &previous, const QCborMap &operation)
{
    return next(previous, QCborValue(operation).toCbor());
}

bool isLink(const QByteArray &bytes)
{
    return bytes.size() == linkSize;
}

} // namespace Stockroom::Sync::HistoryChain
