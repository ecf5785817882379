#include "historychain.h"

#include <QCborValue>
#include <QCryptographicHash>

namespace Stockroom::Sync::HistoryChain {

QByteArray start()
{
    return QByteArray(linkSize, '\0');
}

QByteArray next(const QByteArray &previous, QByteArrayView operationCbor)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(previous);
    hash.addData(operationCbor);
    return hash.result();
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
