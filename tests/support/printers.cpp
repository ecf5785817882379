#include "printers.h"

QT_BEGIN_NAMESPACE

void PrintTo(const QString &value, std::ostream *os)
{
    *os << '"' << value.toStdString() << '"';
}

void PrintTo(const QVariant &value, std::ostream *os)
{
    *os << value.typeName() << '(' << value.toString().toStdString() << ')';
}

QT_END_NAMESPACE

namespace Stockroom {

void PrintTo(const Error &error, std::ostream *os)
{
    *os << error.codeName().toStdString() << ": " << error.message.toStdString();
}

std::ostream &operator<<(std::ostream &os, const Error &error)
{
    PrintTo(error, &os);
    return os;
}

void PrintTo(ErrorCode code, std::ostream *os)
{
    *os << Error{code, QString(), std::nullopt}.codeName().toStdString();
}

} // namespace Stockroom
