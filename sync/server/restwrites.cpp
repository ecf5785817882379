#include "restwrites.h"

#include "sync/protocol/movementmessage.h"

#include "model/domain/ids.h"
#include "model/services/catalog.h"
#include "model/services/movementservice.h"

#include <QDateTime>

namespace Stockroom::Sync {

using namespace Rest;

namespace {

constexpr qint64 maxQuantity = Limits::quantity;

// The model's limits of each text member (model/domain/limits.h).
constexpr TextLimit skuText{Limits::sku, Limits::Kind::Code};
constexpr TextLimit nameText{Limits::productName, Limits::Kind::Text};
constexpr TextLimit unitText{Limits::unit, Limits::Kind::Code};
constexpr TextLimit locationText{Limits::locationCode, Limits::Kind::Code};
constexpr TextLimit lotText{Limits::lotCode, Limits::Kind::Code};
constexpr TextLimit reasonText{Limits::reason, Limits::Kind::Text};
constexpr TextLimit referenceText{Limits::reference, Limits::Kind::Text};
constexpr TextLimit dateText{Limits::isoDate, Limits::Kind::Code};

HttpReply invalid(const char *code, const QString &detail)
{
    return problem(422, code, QStringLiteral("The request breaks a rule"), detail);
}

HttpReply preconditionRequired(const QString &what)
{
    return problem(428,
                   "precondition-required",
                   QStringLiteral("If-Match is needed"),
                   QStringLiteral("Send If-Match with the ETag of the %1 you edited, so that "
                                  "nobody's change is overwritten unseen.")
                       .arg(what));
}

HttpReply stale(qint64 sent, const QJsonObject &current)
{
    HttpReply reply = problem(412,
                              "stale-version",
                              QStringLiteral("The record changed since you read it"),
                              QStringLiteral("You edited version %1; it is now version %2. "
                                             "Review the current state and send your edit "
                                             "again with its ETag.")
                                  .arg(sent)
                                  .arg(current.value(QStringLiteral("version")).toInteger()),
                              {{QStringLiteral("current"), current}});
    reply.addHeader("ETag", etag(current.value(QStringLiteral("version")).toInteger()));
    return reply;
}

} // namespace

RestWrites::RestWrites(Database &db,
                       const Clock &clock,
                       RestOperations &operations,
                       RestLookups &lookups)
    : m_db(db)
    , m_clock(clock)
    , m_operations(operations)
    , m_lookups(lookups)
{}

HttpReply RestWrites::receive(const RestRequest &request)
{
    return recordMovement(request, MovementType::Receipt);
}

HttpReply RestWrites::issue(const RestRequest &request)
{
    return recordMovement(request, MovementType::Issue);
}

HttpReply RestWrites::transfer(const RestRequest &request)
{
    return recordMovement(request, MovementType::Transfer);
}

HttpReply RestWrites::adjust(const RestRequest &request)
{
    return recordMovement(request, MovementType::Adjustment);
}

HttpReply RestWrites::recordMovement(const RestRequest &request, MovementType type)
{
    auto body = objectBody(request.call);
    if (!body)
        return body.error();
    const bool transfer = type == MovementType::Transfer;
    const bool adjustment = type == MovementType::Adjustment;
    static const char *const receiptFields[]
        = {"product", "location", "quantity", "lot", "expiry", "reason", "reference"};
    static const char *const issueFields[]
        = {"product", "location", "quantity", "lot", "reason", "reference"};
    static const char *const transferFields[]
        = {"product", "from", "to", "quantity", "lot", "reason", "reference"};
    static const char *const adjustmentFields[]
        = {"product", "location", "delta", "lot", "reason", "reference"};
    using Fields = std::span<const char *const>;
    const Fields members = transfer                        ? Fields(transferFields)
                           : adjustment                    ? Fields(adjustmentFields)
                           : type == MovementType::Receipt ? Fields(receiptFields)
                                                           : Fields(issueFields);
    if (auto unknown = onlyMembers(*body, members))
        return *unknown;

    auto sku = requiredText(*body, "product", skuText);
    auto amount = requiredInteger(*body, adjustment ? "delta" : "quantity", maxQuantity);
    auto lotCode = optionalText(*body, "lot", lotText);
    auto reason = optionalText(*body, "reason", reasonText);
    auto reference = optionalText(*body, "reference", referenceText);
    auto expiryText = optionalText(*body, "expiry", dateText);
    if (!sku || !amount || !lotCode || !reason || !reference || !expiryText) {
        return !sku         ? sku.error()
               : !amount    ? amount.error()
               : !lotCode   ? lotCode.error()
               : !reason    ? reason.error()
               : !reference ? reference.error()
                            : expiryText.error();
    }
    if (adjustment && *amount == 0)
        return invalid("invalid-quantity", QStringLiteral("An adjustment of zero changes nothing."));
    if (!adjustment && *amount <= 0) {
        return invalid("invalid-quantity",
                       QStringLiteral("quantity must be a positive whole number, not %1.")
                           .arg(*amount));
    }
    if (adjustment && reason->isEmpty())
        return invalid("reason-required", QStringLiteral("An adjustment needs a reason."));
    const QDate expiry = QDate::fromString(*expiryText, Qt::ISODate);
    if (!expiryText->isEmpty() && !expiry.isValid()) {
        return invalid("invalid-expiry",
                       QStringLiteral("expiry must be a date such as 2027-03-31, not \"%1\".")
                           .arg(*expiryText));
    }

    auto product = m_lookups.productBySku(*sku);
    if (!product)
        return product.error();
    if (product->archived)
        return invalid("archived", QStringLiteral("Product %1 is archived.").arg(*sku));
    if (product->lotTracked && lotCode->isEmpty())
        return invalid("lot-required",
                       QStringLiteral("Product %1 is tracked by lot: name the lot.").arg(*sku));
    if (!product->lotTracked && !lotCode->isEmpty())
        return invalid("lot-not-tracked", QStringLiteral("Product %1 has no lots.").arg(*sku));
    if (!lotCode->isEmpty()) {
        auto lot = Catalog(m_db).lot(product->id, *lotCode);
        if (!lot)
            return unavailable();
        if (!*lot && type != MovementType::Receipt) {
            return invalid("unknown-lot",
                           QStringLiteral("Product %1 has no lot %2.").arg(*sku, *lotCode));
        }
        if (*lot && expiry.isValid() && (*lot)->expiry != expiry) {
            return invalid("invalid-expiry",
                           QStringLiteral("Lot %1 expires on %2, not %3.")
                               .arg(*lotCode, (*lot)->expiry.toString(Qt::ISODate), *expiryText));
        }
    }

    QList<std::pair<Location, qint64>> lines; // location and delta
    static const char *const transferEnds[] = {"from", "to"};
    static const char *const oneLocation[] = {"location"};
    for (const char *field : transfer ? std::span<const char *const>(transferEnds)
                                      : std::span<const char *const>(oneLocation)) {
        auto code = requiredText(*body, field, locationText);
        if (!code)
            return code.error();
        auto location = m_lookups.locationByCode(*code, request.token);
        if (!location)
            return location.error();
        const qint64 delta = type == MovementType::Receipt ? *amount
                             : adjustment                  ? *amount
                             : qstrcmp(field, "to") == 0   ? *amount
                                                           : -*amount;
        lines.append({*location, delta});
    }
    if (transfer && lines.at(0).first.id == lines.at(1).first.id)
        return invalid("same-location", QStringLiteral("A transfer needs two different locations."));

    const qint64 now = m_clock.msecsSinceEpoch();
    const QString id = Ids::create(now);
    MovementMessage movement; // its deviceSeq is the REST device's, given in push()
    movement.id = id;
    movement.type = type;
    movement.at = now;
    movement.reason = *reason;
    movement.reference = *reference;
    for (const auto &[location, delta] : std::as_const(lines)) {
        MovementMessage::Line line;
        line.product = product->uuid;
        line.location = location.uuid;
        line.delta = delta;
        line.lot = *lotCode;
        if (expiry.isValid())
            line.expiry = expiry.toString(Qt::ISODate);
        movement.lines.append(line);
    }
    m_operations.store().knowProduct(product->uuid, product->id);
    for (const auto &[location, delta] : std::as_const(lines))
        m_operations.store().knowLocation(location.uuid, location.id, location.warehouseId);
    RestOperations::Pushed pushed = m_operations.push(request.token,
                                                      QStringLiteral("movement"),
                                                      movement.toCbor(
                                                          MovementMessage::Form::Pushed));
    if (pushed.failure)
        return *pushed.failure;

    QJsonArray lineItems;
    for (const auto &[location, delta] : std::as_const(lines)) {
        lineItems.append(QJsonObject{{QStringLiteral("location"), location.code},
                                     {QStringLiteral("delta"), delta}});
    }
    QJsonObject reply{{QStringLiteral("id"), id},
                      {QStringLiteral("type"), toString(type)},
                      {QStringLiteral("product"), product->sku},
                      {QStringLiteral("lot"), lotCode->isEmpty() ? QJsonValue() : *lotCode},
                      {QStringLiteral("outcome"), pushed.outcome.value(key("outcome")).toString()},
                      {QStringLiteral("lines"), lineItems}};
    if (const QString conflict = pushed.outcome.value(key("conflict")).toString();
        !conflict.isEmpty())
        reply.insert(QStringLiteral("conflict"), conflict);
    return json(201, reply);
}

HttpReply RestWrites::createProduct(const RestRequest &request)
{
    auto body = objectBody(request.call);
    if (!body)
        return body.error();
    if (auto unknown = onlyMembers(*body,
                                   {"sku", "name", "localName", "unit", "lotTracked", "barcodes"}))
        return *unknown;
    auto sku = requiredText(*body, "sku", skuText);
    auto name = requiredText(*body, "name", nameText);
    auto localName = optionalText(*body, "localName", nameText);
    auto unit = optionalText(*body, "unit", unitText);
    auto lotTracked = optionalBool(*body, "lotTracked");
    if (!sku || !name || !localName || !unit || !lotTracked) {
        return !sku         ? sku.error()
               : !name      ? name.error()
               : !localName ? localName.error()
               : !unit      ? unit.error()
                            : lotTracked.error();
    }
    const Catalog catalog(m_db);
    if (auto free = catalog.checkNewSku(*sku); !free) {
        if (free.error().code != ErrorCode::Duplicate)
            return unavailable();
        return problem(409, "duplicate", QStringLiteral("Already taken"), free.error().message);
    }
    const QJsonValue codes = body->value(QStringLiteral("barcodes"));
    if (!codes.isUndefined() && !codes.isArray())
        return invalid("invalid-field", QStringLiteral("\"barcodes\" must be a list of codes."));
    ProductCreated create{Ids::create(m_clock.msecsSinceEpoch()),
                          {*sku,
                           *name,
                           *localName,
                           unit->isEmpty() ? QStringLiteral("EA") : *unit,
                           lotTracked->value_or(false),
                           {}}};
    for (const QJsonValue &code : codes.toArray()) {
        if (!code.isString())
            return invalid("invalid-field", QStringLiteral("\"barcodes\" must be a list of codes."));
        auto checked = catalog.checkNewBarcode(code.toString());
        if (!checked && checked.error().code == ErrorCode::Duplicate)
            return problem(409,
                           "duplicate",
                           QStringLiteral("Already taken"),
                           checked.error().message);
        if (!checked)
            return invalid("invalid-barcode", checked.error().message);
        create.product.barcodes.append(checked->code);
    }
    RestOperations::Pushed pushed = m_operations.push(request.token, create);
    if (pushed.failure)
        return *pushed.failure;
    auto product = catalog.productBySku(*sku);
    if (!product)
        return unavailable();
    HttpReply reply = json(201, productJson(*product));
    reply.addHeader("ETag", etag(product->version));
    reply.addHeader("Location", "/api/v1/products/" + QUrl::toPercentEncoding(*sku));
    return reply;
}

HttpReply RestWrites::editProduct(const RestRequest &request)
{
    auto sent = ifMatch(request.call);
    if (!sent)
        return sent.error();
    if (!*sent)
        return preconditionRequired(QStringLiteral("product"));
    auto body = objectBody(request.call, true);
    if (!body)
        return body.error();
    if (auto unknown = onlyMembers(*body, {"name", "localName", "unit", "archived"}))
        return *unknown;
    auto name = optionalText(*body, "name", nameText);
    auto localName = optionalText(*body, "localName", nameText);
    auto unit = optionalText(*body, "unit", unitText);
    auto archived = optionalBool(*body, "archived");
    if (!name || !localName || !unit || !archived)
        return !name        ? name.error()
               : !localName ? localName.error()
               : !unit      ? unit.error()
                            : archived.error();
    if ((body->contains(QStringLiteral("name")) && name->isEmpty())
        || (body->contains(QStringLiteral("unit")) && unit->isEmpty()))
        return invalid("invalid-field",
                       QStringLiteral("A product's name and unit cannot be empty."));

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return unavailable();
    const Catalog catalog(m_db);
    auto current = m_lookups.productInPath(request);
    if (!current)
        return current.error();
    if (current->version != **sent)
        return stale(**sent, productJson(*current));

    // The fields the request names, each against the value it was made on.
    ProductEdited edit{current->uuid, current->version, {}};
    if (body->contains(QStringLiteral("name")))
        edit.fields.append({QStringLiteral("name"), current->name, *name});
    if (body->contains(QStringLiteral("localName")))
        edit.fields.append({QStringLiteral("localName"), current->localName, *localName});
    if (body->contains(QStringLiteral("unit")))
        edit.fields.append({QStringLiteral("unit"), current->unit, *unit});
    if (*archived)
        edit.fields.append({QStringLiteral("archived"), current->archived, **archived});
    if (!edit.fields.isEmpty()) {
        RestOperations::Pushed pushed = m_operations.push(request.token, edit);
        if (pushed.failure)
            return *pushed.failure;
    }
    auto product = catalog.product(current->id);
    if (!product || !tx->commit())
        return unavailable();
    HttpReply reply = json(200, productJson(*product));
    reply.addHeader("ETag", etag(product->version));
    return reply;
}

HttpReply RestWrites::setThreshold(const RestRequest &request)
{
    auto sent = ifMatch(request.call);
    if (!sent)
        return sent.error();
    auto body = objectBody(request.call);
    if (!body)
        return body.error();
    if (auto unknown = onlyMembers(*body, {"min", "max", "reorderPoint"}))
        return *unknown;
    auto min = optionalInteger(*body, "min", maxQuantity);
    auto max = optionalInteger(*body, "max", maxQuantity);
    auto reorder = optionalInteger(*body, "reorderPoint", maxQuantity);
    if (!min || !max || !reorder)
        return !min ? min.error() : !max ? max.error() : reorder.error();
    for (const auto *limit : {&*min, &*max, &*reorder}) {
        if (limit->value && *limit->value < 0)
            return invalid("invalid-quantity", QStringLiteral("Limits cannot be negative."));
    }
    if (min->value && max->value && *min->value > *max->value)
        return invalid("invalid-quantity", QStringLiteral("The minimum is above the maximum."));

    auto product = m_lookups.productBySku(request.parameters.at(0));
    if (!product)
        return product.error();
    const QString warehouseCode = request.parameters.at(1);
    QString warehouseUuid; // none for the limits over every warehouse
    qint64 warehouseId = 0;
    if (warehouseCode != QLatin1String("*")) {
        auto warehouse = m_lookups.warehouseByCode(warehouseCode, request.token);
        if (!warehouse)
            return warehouse.error();
        warehouseUuid = warehouse->uuid;
        warehouseId = warehouse->id;
    } else if (!request.token.allWarehouses()) {
        return problem(403,
                       "out-of-scope",
                       QStringLiteral("Outside the token's warehouses"),
                       QStringLiteral("Only a token of every warehouse may set the limits over "
                                      "all of them."));
    }

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return unavailable();
    const Catalog catalog(m_db);
    auto current = catalog.threshold(product->id, warehouseId);
    if (!current)
        return unavailable();
    const auto thresholdJson = [&](const Threshold &t) {
        return QJsonObject{{QStringLiteral("product"), product->sku},
                           {QStringLiteral("warehouse"),
                            warehouseId == 0 ? QJsonValue() : QJsonValue(warehouseCode)},
                           {QStringLiteral("min"), numberOrNull(t.minQty)},
                           {QStringLiteral("max"), numberOrNull(t.maxQty)},
                           {QStringLiteral("reorderPoint"), numberOrNull(t.reorderPoint)},
                           {QStringLiteral("version"), t.version}};
    };
    if (*current && !*sent)
        return preconditionRequired(QStringLiteral("threshold"));
    if (*sent && (!*current || (*current)->version != **sent)) {
        return stale(**sent,
                     *current ? thresholdJson(**current)
                              : QJsonObject{{QStringLiteral("version"), 0}});
    }
    const Threshold before = current->value_or(Threshold{});
    const ThresholdSet set{product->uuid,
                           warehouseUuid,
                           before.version,
                           {before.minQty, before.maxQty, before.reorderPoint},
                           {min->value, max->value, reorder->value}};
    RestOperations::Pushed pushed = m_operations.push(request.token, set);
    if (pushed.failure)
        return *pushed.failure;
    auto after = catalog.threshold(product->id, warehouseId);
    if (!after || !*after || !tx->commit())
        return unavailable();
    HttpReply reply = json(*current ? 200 : 201, thresholdJson(**after));
    reply.addHeader("ETag", etag((*after)->version));
    return reply;
}

} // namespace Stockroom::Sync
