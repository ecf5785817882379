#include "keyfile.h"

#include "model/domain/tr.h"
#include "model/ledger/checkpoints.h"

#include <QFile>

namespace Stockroom::KeyFile {

Result<QByteArray> read(const QString &path, qsizetype size, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    Tr::tr("Cannot read %1 %2: %3").arg(what, path, file.errorString()));
    const QByteArray text = file.read(4 * size).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(text,
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != size)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 is not %2: it should hold %3 bytes in base64 on one line.")
                        .arg(path, what)
                        .arg(size));
    return decoded.decoded;
}

Result<QByteArray> readPublicKey(const QString &path)
{
    return read(path, LedgerCheckpoints::publicKeySize, Tr::tr("a public key"));
}

} // namespace Stockroom::KeyFile
