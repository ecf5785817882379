#include "eventloop.h"

#include <QByteArray>

namespace Stockroom::Sync {

void useQtEventLoop()
{
    // Qt reads this when it makes an event dispatcher: for the application and for each
    // QThread that runs a loop.
    qputenv("QT_NO_GLIB", QByteArrayLiteral("1"));
}

} // namespace Stockroom::Sync
