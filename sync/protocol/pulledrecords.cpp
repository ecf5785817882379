#include "pulledrecords.h"

#include "model/domain/cbor.h"

#include <QCborArray>

namespace Stockroom::Sync {

namespace {

QCborValue orNull(const QString &uuid)
{
    return uuid.isEmpty() ? QCborValue(nullptr) : QCborValue(uuid);
}

QCborValue orNull(const std::optional<qint64> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}

QCborValue orNull(const std::optional<QString> &value)
{
    return value ? QCborValue(*value) : QCborValue(nullptr);
}

// Reads an item's keys, keeping the first thing wrong with it.
class ItemReader
{
public:
    explicit ItemReader(const QCborMap &item)
        : m_item(item)
    {}

    QString text(const char *name)
    {
        return want(name, m_item.value(key(name)).isString()).toString();
    }
    bool boolean(const char *name) { return want(name, m_item.value(key(name)).isBool()).toBool(); }
    qint64 integer(const char *name)
    {
        return cborInteger(want(name, m_item.value(key(name)).isInteger()));
    }
    // Text or null; null is empty.
    QString uuidOrNull(const char *name) { return optionalText(name).value_or(QString()); }
    std::optional<QString> optionalText(const char *name)
    {
        const QCborValue value = want(name, isTextOrNull(m_item.value(key(name))));
        return value.isString() ? std::optional(value.toString()) : std::nullopt;
    }
    std::optional<qint64> optionalInteger(const char *name)
    {
        const QCborValue value = m_item.value(key(name));
        want(name, value.isInteger() || value.isNull());
        return value.isInteger() ? std::optional(cborInteger(value)) : std::nullopt;
    }
    // A conflict's side: text, a whole number or null.
    QVariant side(const char *name)
    {
        const QCborValue value = want(name,
                                      isTextOrNull(m_item.value(key(name)))
                                          || m_item.value(key(name)).isInteger());
        if (value.isInteger())
            return cborInteger(value);
        return value.isString() ? QVariant(value.toString()) : QVariant();
    }
    template<typename Enum>
    Enum named(const char *name, std::optional<Enum> (*fromString)(const QString &))
    {
        const std::optional<Enum> value = fromString(text(name));
        want(name, value.has_value());
        return value.value_or(Enum{});
    }
    QCborArray array(const char *name)
    {
        return want(name, m_item.value(key(name)).isArray()).toArray();
    }

    template<typename Record>
    std::expected<Record, ProtocolError> result(Record record) const
    {
        if (m_wrong)
            return std::unexpected(
                ProtocolError{QStringLiteral("invalid"),
                              QStringLiteral(
                                  "The %1 item's \"%2\" is missing or not what it must be.")
                                  .arg(QLatin1String(pulledKind<Record>), QLatin1String(m_wrong)),
                              false});
        return record;
    }

private:
    static bool isTextOrNull(const QCborValue &value) { return value.isString() || value.isNull(); }
    QCborValue want(const char *name, bool ok)
    {
        if (!ok && !m_wrong)
            m_wrong = name;
        return ok ? m_item.value(key(name)) : QCborValue();
    }

    const QCborMap &m_item;
    const char *m_wrong = nullptr;
};

template<typename Record>
QCborMap withKind(QCborMap item)
{
    item.insert(key("kind"), QLatin1String(pulledKind<Record>));
    return item;
}

} // namespace

QCborMap toPulledItem(const UserRecord &user)
{
    return withKind<UserRecord>({{key("uuid"), user.uuid},
                                 {key("username"), user.username},
                                 {key("name"), user.displayName},
                                 {key("role"), toString(user.role)},
                                 {key("active"), user.active},
                                 {key("password"), user.passwordHash}});
}

QCborMap toPulledItem(const LocationRecord &location)
{
    return withKind<LocationRecord>({{key("uuid"), location.uuid},
                                     {key("parent"), orNull(location.parent)},
                                     {key("type"), toString(location.kind)},
                                     {key("code"), location.code},
                                     {key("name"), location.name},
                                     {key("barcode"), orNull(location.barcode)},
                                     {key("archived"), location.archived},
                                     {key("version"), location.version}});
}

QCborMap toPulledItem(const ProductRecord &product)
{
    QCborArray barcodes;
    for (const Barcode &barcode : product.barcodes)
        barcodes.append(QCborArray{barcode.code, toString(barcode.symbology)});
    return withKind<ProductRecord>({{key("uuid"), product.uuid},
                                    {key("sku"), product.sku},
                                    {key("name"), product.name},
                                    {key("localName"), product.localName},
                                    {key("unit"), product.unit},
                                    {key("lotTracked"), product.lotTracked},
                                    {key("archived"), product.archived},
                                    {key("version"), product.version},
                                    {key("barcodes"), barcodes}});
}

QCborMap toPulledItem(const ThresholdRecord &threshold)
{
    return withKind<ThresholdRecord>({{key("product"), threshold.product},
                                      {key("warehouse"), orNull(threshold.warehouse)},
                                      {key("min"), orNull(threshold.minQty)},
                                      {key("max"), orNull(threshold.maxQty)},
                                      {key("reorder"), orNull(threshold.reorderPoint)},
                                      {key("version"), threshold.version}});
}

QCborMap toPulledItem(const ConflictRecord &conflict)
{
    const NewConflict &raised = conflict.raised;
    return withKind<ConflictRecord>({{key("uuid"), conflict.uuid},
                                     {key("type"), raised.type},
                                     {key("state"), conflict.state},
                                     {key("entity"), raised.entity},
                                     {key("key"), raised.entityKey},
                                     {key("field"), raised.field},
                                     {key("base"), cborOrNull(raised.base)},
                                     {key("theirs"), cborOrNull(raised.theirs)},
                                     {key("mine"), cborOrNull(raised.mine)},
                                     {key("detail"), raised.detail},
                                     {key("warehouse"), raised.warehouse},
                                     {key("device"), conflict.deviceId},
                                     {key("seq"), conflict.opSeq},
                                     {key("user"), conflict.user},
                                     {key("created"), conflict.createdAt},
                                     {key("resolution"), conflict.resolution},
                                     {key("version"), conflict.version}});
}

template<>
std::expected<UserRecord, ProtocolError> fromPulledItem(const QCborMap &item)
{
    ItemReader read(item);
    UserRecord user;
    user.uuid = read.text("uuid");
    user.username = read.text("username");
    user.displayName = read.text("name");
    user.role = read.named("role", roleFromString);
    user.active = read.boolean("active");
    user.passwordHash = read.text("password");
    return read.result(user);
}

template<>
std::expected<LocationRecord, ProtocolError> fromPulledItem(const QCborMap &item)
{
    ItemReader read(item);
    LocationRecord location;
    location.uuid = read.text("uuid");
    location.parent = read.uuidOrNull("parent");
    location.kind = read.named("type", locationKindFromString);
    location.code = read.text("code");
    location.name = read.text("name");
    location.barcode = read.optionalText("barcode");
    location.archived = read.boolean("archived");
    location.version = read.integer("version");
    return read.result(location);
}

template<>
std::expected<ProductRecord, ProtocolError> fromPulledItem(const QCborMap &item)
{
    ItemReader read(item);
    ProductRecord product;
    product.uuid = read.text("uuid");
    product.sku = read.text("sku");
    product.name = read.text("name");
    product.localName = read.text("localName");
    product.unit = read.text("unit");
    product.lotTracked = read.boolean("lotTracked");
    product.archived = read.boolean("archived");
    product.version = read.integer("version");
    for (const QCborValue &value : read.array("barcodes")) {
        const QCborArray pair = value.toArray();
        const std::optional<Symbology> symbology = symbologyFromString(pair.at(1).toString());
        if (!pair.at(0).isString() || !symbology) {
            return std::unexpected(
                ProtocolError{QStringLiteral("invalid"),
                              QStringLiteral("A product's barcode is a code and a symbology."),
                              false});
        }
        product.barcodes.append({pair.at(0).toString(), *symbology});
    }
    return read.result(product);
}

template<>
std::expected<ThresholdRecord, ProtocolError> fromPulledItem(const QCborMap &item)
{
    ItemReader read(item);
    ThresholdRecord threshold;
    threshold.product = read.text("product");
    threshold.warehouse = read.uuidOrNull("warehouse");
    threshold.minQty = read.optionalInteger("min");
    threshold.maxQty = read.optionalInteger("max");
    threshold.reorderPoint = read.optionalInteger("reorder");
    threshold.version = read.integer("version");
    return read.result(threshold);
}

template<>
std::expected<ConflictRecord, ProtocolError> fromPulledItem(const QCborMap &item)
{
    ItemReader read(item);
    ConflictRecord conflict;
    NewConflict &raised = conflict.raised;
    conflict.uuid = read.text("uuid");
    raised.type = read.text("type");
    conflict.state = read.text("state");
    raised.entity = read.text("entity");
    raised.entityKey = read.text("key");
    raised.field = read.text("field");
    raised.base = read.side("base");
    raised.theirs = read.side("theirs");
    raised.mine = read.side("mine");
    raised.detail = read.text("detail");
    raised.warehouse = read.text("warehouse");
    conflict.deviceId = read.text("device");
    conflict.opSeq = read.integer("seq");
    conflict.user = read.text("user");
    conflict.createdAt = read.integer("created");
    conflict.resolution = read.text("resolution");
    conflict.version = read.integer("version");
    return read.result(conflict);
}

} // namespace Stockroom::Sync
