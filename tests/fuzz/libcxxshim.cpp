// The fuzz build's bridge to Debian's Qt (STOCKROOM_FUZZ only). The harnesses and the code
// they reach are built against libc++, Qt against libstdc++, so a Qt function that takes a
// std:: type has another name in each. Each such function the reached code calls is
// defined here again, for libc++'s type, through Qt functions that take no std:: type.

#include <QJsonObject>
#include <QJsonValue>

QJsonObject::QJsonObject(std::initializer_list<std::pair<QString, QJsonValue>> args)
    : QJsonObject()
{
    for (const auto &[name, value] : args)
        insert(name, value);
}
