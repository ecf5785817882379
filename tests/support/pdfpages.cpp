#include "pdfpages.h"

#include <QFile>

namespace Stockroom::Test {

int pdfPages(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("%PDF-"))
        return -1;
    // "/Type /Pages" is the page tree; a page is "/Type /Page" and a line end.
    return int(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r"));
}

} // namespace Stockroom::Test
