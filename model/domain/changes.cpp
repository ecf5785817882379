#include "changes.h"

#include "limits.h"
#include "model/domain/cbor.h"

#include <QCborArray>

namespace Stockroom {

namespace {

QLatin1String key(const char *name)
{
    return QLatin1String(name);
}

QCborValue orNull(const std::optional<qint64> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}

// Reads a body's keys, keeping the first thing wrong with it.
class BodyReader
{
public:
    BodyReader(const QCborMap &body, const char *kind)
        : m_body(body)
        , m_kind(kind)
    {}

    QString text(const char *name) { return want(m_body, name, isText).toString(); }
    // A UUID or other id a device made: text no longer than an id may be.
    QString id(const char *name)
    {
        QString value = text(name);
        if (auto ok = Limits::checkId(value,
                                      QStringLiteral("A %1's \"%2\"")
                                          .arg(QLatin1String(m_kind), QLatin1String(name)));
            !ok)
            refuse(ok.error().message);
        return value;
    }
    // Missing is fallback; present, it must be text.
    QString optionalText(const char *name, const QString &fallback = {})
    {
        const QCborValue value = want(m_body, name, isTextOrMissing);
        return value.isString() ? value.toString() : fallback;
    }
    bool optionalBool(const char *name)
    {
        return want(m_body, name, [](const QCborValue &v) { return v.isBool() || v.isUndefined(); })
            .toBool();
    }
    QCborMap map(const char *name)
    {
        return want(m_body, name, [](const QCborValue &v) { return v.isMap(); }).toMap();
    }
    QCborArray optionalArray(const char *name)
    {
        return want(m_body, name, [](const QCborValue &v) { return v.isArray() || v.isUndefined(); })
            .toArray();
    }
    qint64 integer(const QCborMap &map, const char *name)
    {
        return cborInteger(want(map, name, [](const QCborValue &v) { return v.isInteger(); }));
    }
    std::optional<qint64> limit(const QCborMap &map, const char *name)
    {
        const QCborValue value = want(map, name, [](const QCborValue &v) {
            return v.isInteger() || v.isNull() || v.isUndefined();
        });
        return value.isInteger() ? std::optional(cborInteger(value)) : std::nullopt;
    }
    void refuse(const QString &why)
    {
        if (m_why.isEmpty())
            m_why = why;
    }

    template<typename Change>
    std::expected<Change, QString> result(Change change) const
    {
        if (!m_why.isEmpty())
            return std::unexpected(m_why);
        return change;
    }

private:
    static bool isText(const QCborValue &v) { return v.isString(); }
    static bool isTextOrMissing(const QCborValue &v) { return v.isString() || v.isUndefined(); }

    template<typename Check>
    QCborValue want(const QCborMap &map, const char *name, Check check)
    {
        const QCborValue value = map.value(key(name));
        if (check(value))
            return value;
        refuse(QStringLiteral("A %1's \"%2\" is missing or not what it must be.")
                   .arg(QLatin1String(m_kind), QLatin1String(name)));
        return QCborValue();
    }

    const QCborMap &m_body;
    const char *m_kind;
    QString m_why;
};

// The limits as a map, after the given entries.
QCborMap limitsMap(const ThresholdSet::Limits &limits, QCborMap map = {})
{
    map.insert(key("min"), orNull(limits.min));
    map.insert(key("max"), orNull(limits.max));
    map.insert(key("reorder"), orNull(limits.reorder));
    return map;
}

} // namespace

QString toString(ConflictChoice choice)
{
    return choice == ConflictChoice::Mine ? QStringLiteral("mine") : QStringLiteral("theirs");
}

QCborMap ProductCreated::toCbor() const
{
    QCborArray codes;
    for (const QString &code : product.barcodes)
        codes.append(code);
    return {{key("uuid"), uuid},
            {key("sku"), product.sku},
            {key("name"), product.name},
            {key("localName"), product.localName},
            {key("unit"), product.unit},
            {key("lotTracked"), product.lotTracked},
            {key("barcodes"), codes}};
}

std::expected<ProductCreated, QString> ProductCreated::fromCbor(const QCborMap &body)
{
    BodyReader read(body, kind);
    ProductCreated created;
    created.uuid = read.id("uuid");
    CreateProduct &product = created.product;
    product.sku = read.text("sku");
    product.name = read.text("name");
    product.localName = read.optionalText("localName");
    product.unit = read.optionalText("unit", QStringLiteral("EA"));
    product.lotTracked = read.optionalBool("lotTracked");
    for (const QCborValue &code : read.optionalArray("barcodes")) {
        if (!code.isString())
            read.refuse(QStringLiteral("A product's barcodes are text."));
        product.barcodes.append(code.toString());
    }
    return read.result(created);
}

QCborMap ProductEdited::toCbor() const
{
    QCborMap base{{key("version"), baseVersion}};
    QCborMap set;
    for (const Field &field : fields) {
        base.insert(field.name, field.was);
        set.insert(field.name, field.now);
    }
    return {{key("uuid"), uuid}, {key("base"), base}, {key("set"), set}};
}

std::expected<ProductEdited, QString> ProductEdited::fromCbor(const QCborMap &body)
{
    BodyReader read(body, kind);
    ProductEdited edited;
    edited.uuid = read.id("uuid");
    const QCborMap base = read.map("base");
    const QCborMap set = read.map("set");
    edited.baseVersion = read.integer(base, "version");
    for (auto it = set.constBegin(); it != set.constEnd(); ++it) {
        if (!it.key().isString())
            read.refuse(QStringLiteral("A product edit names its fields by text."));
        const QString name = it.key().toString();
        edited.fields.append({name, base.value(name), it.value()});
    }
    return read.result(edited);
}

QCborMap BarcodeLinked::toCbor() const
{
    return {{key("uuid"), uuid}, {key("code"), code}};
}

std::expected<BarcodeLinked, QString> BarcodeLinked::fromCbor(const QCborMap &body)
{
    BodyReader read(body, kind);
    BarcodeLinked linked;
    linked.uuid = read.id("uuid");
    linked.code = read.text("code");
    return read.result(linked);
}

QCborMap ThresholdSet::toCbor() const
{
    return {{key("product"), product},
            {key("warehouse"), warehouse.isEmpty() ? QCborValue(nullptr) : QCborValue(warehouse)},
            {key("base"), limitsMap(base, {{key("version"), baseVersion}})},
            {key("set"), limitsMap(set)}};
}

std::expected<ThresholdSet, QString> ThresholdSet::fromCbor(const QCborMap &body)
{
    BodyReader read(body, kind);
    ThresholdSet threshold;
    threshold.product = read.id("product");
    const QCborValue warehouse = body.value(key("warehouse"));
    if (!warehouse.isString() && !warehouse.isNull() && !warehouse.isUndefined())
        read.refuse(QStringLiteral("A threshold's warehouse is a UUID or null."));
    threshold.warehouse = warehouse.toString();
    if (auto ok = Stockroom::Limits::checkId(threshold.warehouse,
                                             QStringLiteral("A threshold's warehouse"));
        !ok)
        read.refuse(ok.error().message);
    const QCborMap base = read.map("base");
    const QCborMap set = read.map("set");
    threshold.baseVersion = read.integer(base, "version");
    threshold.base = {read.limit(base, "min"), read.limit(base, "max"), read.limit(base, "reorder")};
    threshold.set = {read.limit(set, "min"), read.limit(set, "max"), read.limit(set, "reorder")};
    return read.result(threshold);
}

QCborMap ConflictResolved::toCbor() const
{
    return {{key("conflict"), conflict}, {key("choice"), toString(choice)}};
}

std::expected<ConflictResolved, QString> ConflictResolved::fromCbor(const QCborMap &body)
{
    BodyReader read(body, kind);
    ConflictResolved resolved;
    resolved.conflict = read.id("conflict");
    const QString choice = read.text("choice");
    if (choice == QLatin1String("mine"))
        resolved.choice = ConflictChoice::Mine;
    else if (choice != QLatin1String("theirs"))
        read.refuse(QStringLiteral("Choose \"theirs\" or \"mine\"."));
    return read.result(resolved);
}

} // namespace Stockroom
