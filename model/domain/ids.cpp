#include "ids.h"

#include <QRandomGenerator>
#include <QUuid>

namespace Stockroom {

QString Ids::timeOrdered(qint64 msSinceEpoch, quint64 randomA, quint64 randomB)
{
    QByteArray bytes(16, Qt::Uninitialized);
    const quint64 ms = quint64(msSinceEpoch) & 0xffffffffffffULL;
    for (int i = 0; i < 6; ++i)
        bytes[i] = char((ms >> (8 * (5 - i))) & 0xff);
    for (int i = 6; i < 8; ++i)
        bytes[i] = char((randomA >> (8 * i)) & 0xff);
    for (int i = 8; i < 16; ++i)
        bytes[i] = char((randomB >> (8 * (i - 8))) & 0xff);
    bytes[6] = char((bytes[6] & 0x0f) | 0x70); // version 7
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString Ids::create(qint64 msSinceEpoch)
{
    // Qt's global generator is seeded from the system's source; unlike system() it does
    // not make a system call for every number.
    QRandomGenerator *random = QRandomGenerator::global();
    return timeOrdered(msSinceEpoch, random->generate64(), random->generate64());
}

} // namespace Stockroom
