#include "scansession.h"

#include "model/domain/actor.h"
#include "model/domain/limits.h"
#include "model/domain/tr.h"
#include "scanresolver.h"

#include <QLocale>

namespace Stockroom {

namespace {

QString modeKey(ScanMode mode)
{
    switch (mode) {
    case ScanMode::Receive:
        return QStringLiteral("receive");
    case ScanMode::Issue:
        return QStringLiteral("issue");
    case ScanMode::Transfer:
        return QStringLiteral("transfer");
    case ScanMode::Count:
        return QStringLiteral("count");
    }
    return {};
}

std::optional<ScanMode> modeFromKey(const QString &key)
{
    for (ScanMode mode : {ScanMode::Receive, ScanMode::Issue, ScanMode::Transfer, ScanMode::Count}) {
        if (modeKey(mode) == key)
            return mode;
    }
    return std::nullopt;
}

// A typed quantity: "*240" or "240*"; the text after the star, as typed, or nullopt when the
// scan is no quantity at all.
std::optional<QString> typedQuantityText(const QString &code)
{
    const QString text = code.trimmed();
    if (text.size() < 2)
        return std::nullopt;
    if (text.startsWith(QLatin1Char('*')))
        return text.mid(1).trimmed();
    if (text.endsWith(QLatin1Char('*')))
        return text.chopped(1).trimmed();
    return std::nullopt;
}

} // namespace

ScanSession::ScanSession(Database &db,
                         const Catalog &catalog,
                         MovementService &movements,
                         QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_catalog(catalog)
    , m_movements(movements)
{}

Result<ResumedBasket> ScanSession::resume(const Actor &actor)
{
    m_keeper = 0; // replaying keeps nothing twice
    m_mode = ScanMode::Receive;
    m_location.reset();
    m_destination.reset();
    m_lines.clear();
    m_history.clear();
    m_multiplier = 0;
    auto rows = m_db.select(QStringLiteral("SELECT seq, mode, code, scanned_on FROM scan_basket "
                                           "WHERE user_id = ? ORDER BY seq"),
                            {actor.userId});
    if (!rows)
        return std::unexpected(rows.error());
    ResumedBasket resumed;
    QList<qint64> left;
    bool first = true;
    while (rows->next()) {
        const qint64 seq = rows->value(0).toLongLong();
        const std::optional<ScanMode> mode = modeFromKey(rows->value(1).toString());
        const QString code = rows->value(2).toString();
        const QDate day = QDate::fromString(rows->value(3).toString(), Qt::ISODate);
        if (!mode || !day.isValid() || (!first && *mode != m_mode)) {
            left << seq;
            resumed.dropped << Tr::tr("%1: not a scan this version can replay.").arg(code);
            continue;
        }
        if (first) {
            m_mode = *mode;
            first = false;
        }
        if (auto applied = apply(code, day); !applied) {
            left << seq;
            resumed.dropped << Tr::tr("%1: %2").arg(code, applied.error().message);
            continue;
        }
        ++resumed.scans;
    }
    rows->finish();
    // What can no longer be replayed would be refused on every sign-in: it goes, and the
    // clerk is told.
    for (qint64 seq : std::as_const(left)) {
        if (auto gone = m_db.run(QStringLiteral("DELETE FROM scan_basket WHERE seq = ?"), {seq});
            !gone)
            return std::unexpected(gone.error());
    }
    m_keeper = actor.userId;
    resumed.mode = m_mode;
    Q_EMIT changed();
    return resumed;
}

Status ScanSession::setMode(ScanMode mode)
{
    if (auto forgotten = forgetAll(); !forgotten)
        return forgotten;
    m_mode = mode;
    m_location.reset();
    m_destination.reset();
    m_lines.clear();
    m_history.clear();
    m_multiplier = 0;
    Q_EMIT changed();
    return {};
}

Result<QString> ScanSession::scan(const QString &code, const QDate &today)
{
    auto applied = apply(code, today);
    if (!applied)
        return applied;
    if (auto kept = keep(code, today); !kept) {
        takeBackLast();
        Error error = kept.error();
        error.message = Tr::tr("The scan was not kept: %1").arg(error.message);
        return std::unexpected(error);
    }
    Q_EMIT changed();
    return applied;
}

std::optional<qint64> ScanSession::typedQuantity() const
{
    if (m_multiplier > 0)
        return m_multiplier;
    return std::nullopt;
}

Result<QString> ScanSession::apply(const QString &code, const QDate &today)
{
    if (const std::optional<QString> typed = typedQuantityText(code)) {
        bool number = false;
        const qlonglong quantity = typed->toLongLong(&number);
        if (!number || typed->size() > 19)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("\"%1\" is not a quantity: type a whole number after the star, "
                               "such as *240.")
                            .arg(code.trimmed().left(Limits::barcode)));
        if (quantity <= 0)
            return fail(ErrorCode::InvalidInput, Tr::tr("A quantity must be at least 1."));
        if (quantity > Limits::quantity)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("A quantity can be at most %1.")
                            .arg(QLocale().toString(Limits::quantity)));
        m_multiplier = quantity;
        m_history.append({Step::Quantity, -1, quantity, 0});
        return Tr::tr("Next item × %1").arg(quantity);
    }

    auto result = ScanResolver(m_catalog).resolve(code, today);
    if (!result)
        return std::unexpected(result.error());

    if (result->kind == ScanResult::Kind::Location) {
        const Location &location = *result->location;
        QString said;
        if (m_mode == ScanMode::Transfer && m_location && !m_destination) {
            if (location.id == m_location->id)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("That is where the goods come from; scan where they go."));
            m_destination = location;
            m_destinationScan = code;
            m_destinationDay = today;
            said = Tr::tr("To %1").arg(location.code);
        } else {
            if (!m_lines.isEmpty())
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("Post or cancel the scanned items before changing the "
                                   "location."));
            m_location = location;
            m_locationScan = code;
            m_locationDay = today;
            m_destination.reset();
            said = m_mode == ScanMode::Transfer ? Tr::tr("From %1").arg(location.code)
                                                : Tr::tr("At %1").arg(location.code);
        }
        m_history.append(Step{Step::Location});
        return said;
    }

    if (!m_location)
        return fail(ErrorCode::InvalidInput, Tr::tr("Scan a location label first."));
    if (m_mode == ScanMode::Transfer && !m_destination)
        return fail(ErrorCode::InvalidInput, Tr::tr("Scan the location the goods go to."));
    const Product &product = *result->product;
    if (product.archived)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 is archived and cannot be moved.").arg(product.sku));
    const qint64 counted = result->quantity.value_or(1);
    if (counted <= 0)
        return fail(ErrorCode::InvalidInput, Tr::tr("The label's count is zero."));
    const qint64 multiplier = std::max<qint64>(m_multiplier, 1);
    const qint64 quantity = counted * multiplier; // both are at most 10^9 or so: no overflow
    QString lot = result->lot;
    QDate expiry = result->expiry;
    bool picked = false;
    if (product.lotTracked && lot.isEmpty()) {
        // A plain barcode names no lot. Receiving and counting need the label's; what
        // goes out is taken first-expiry-first-out from what is here.
        if (m_mode == ScanMode::Receive || m_mode == ScanMode::Count)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("%1 is tracked by lot: scan its GS1 label, which carries the lot "
                               "and expiry.")
                            .arg(product.sku));
        auto first = firstToExpire(product.id, quantity, today);
        if (!first)
            return std::unexpected(first.error());
        lot = first->first;
        expiry = first->second;
        picked = true;
    }
    int index = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).product.id == product.id && m_lines.at(i).lot == lot) {
            index = i;
            break;
        }
    }
    const qint64 already = index < 0 ? 0 : m_lines.at(index).quantity;
    if (quantity > Limits::quantity - already)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 would come to more than %2, the most one line can move.")
                        .arg(product.sku, QLocale().toString(Limits::quantity)));
    if (index < 0) {
        m_lines.append({product, lot, expiry, 0});
        index = int(m_lines.size()) - 1;
    }
    m_lines[index].quantity += quantity;
    m_history.append({Step::Item, index, quantity, m_multiplier});
    m_multiplier = 0;
    QString said = Tr::tr("%1 × %2").arg(product.shownName()).arg(m_lines.at(index).quantity);
    if (picked)
        said += Tr::tr(", lot %1 (the first to expire here)").arg(lot);
    else if (!lot.isEmpty())
        said += Tr::tr(", lot %1").arg(lot);
    return said;
}

Result<std::pair<QString, QDate>> ScanSession::firstToExpire(qint64 productId,
                                                             qint64 quantity,
                                                             const QDate &today) const
{
    // The lots here that have not expired, soonest first; what the basket already takes
    // from each is not there to take again.
    auto lots = m_db.select(QStringLiteral("SELECT lots.code, lots.expiry, s.quantity FROM stock s "
                                           "JOIN lots ON lots.id = s.lot_id "
                                           "WHERE s.product_id = ? AND s.location_id = ? "
                                           "AND s.quantity > 0 "
                                           "AND (lots.expiry IS NULL OR lots.expiry >= ?) "
                                           "ORDER BY lots.expiry IS NULL, lots.expiry, lots.code"),
                            {productId, m_location->id, today.toString(Qt::ISODate)});
    if (!lots)
        return std::unexpected(lots.error());
    std::optional<std::pair<QString, QDate>> someLeft;
    while (lots->next()) {
        const QString code = lots->value(0).toString();
        qint64 left = lots->value(2).toLongLong();
        for (const ScanLine &line : std::as_const(m_lines)) {
            if (line.product.id == productId && line.lot == code)
                left -= line.quantity;
        }
        const std::pair<QString, QDate> found{code,
                                              QDate::fromString(lots->value(1).toString(),
                                                                Qt::ISODate)};
        if (left >= quantity)
            return found;
        if (left > 0 && !someLeft)
            someLeft = found;
    }
    if (someLeft)
        return *someLeft; // not enough in any one lot: the soonest that has some
    return fail(ErrorCode::InvalidInput,
                Tr::tr("No lot of this product that has not expired is left at %1: scan the "
                       "GS1 label of the lot you hold.")
                    .arg(m_location->code));
}

Status ScanSession::cancelLast()
{
    if (m_history.isEmpty())
        return {};
    if (auto forgotten = forgetLast(); !forgotten)
        return forgotten;
    takeBackLast();
    Q_EMIT changed();
    return {};
}

void ScanSession::takeBackLast()
{
    if (m_history.isEmpty())
        return;
    const Step step = m_history.takeLast();
    switch (step.kind) {
    case Step::Location:
        if (m_destination)
            m_destination.reset();
        else
            m_location.reset();
        break;
    case Step::Quantity:
        m_multiplier = 0;
        break;
    case Step::Item:
        m_lines[step.line].quantity -= step.quantity;
        if (m_lines.at(step.line).quantity <= 0) {
            m_lines.removeAt(step.line);
            // Later entries never refer past a removed line: it was the last one added.
        }
        m_multiplier = step.multiplier;
        break;
    }
}

Status ScanSession::keep(const QString &code, const QDate &today) const
{
    if (!m_keeper)
        return {};
    auto kept = m_db.run(QStringLiteral("INSERT INTO scan_basket (user_id, mode, code, scanned_on) "
                                        "VALUES (?, ?, ?, ?)"),
                         {m_keeper, modeKey(m_mode), code, today.toString(Qt::ISODate)});
    if (!kept)
        return std::unexpected(kept.error());
    return {};
}

Status ScanSession::forgetLast() const
{
    if (!m_keeper)
        return {};
    auto gone = m_db.run(QStringLiteral("DELETE FROM scan_basket WHERE seq = (SELECT max(seq) FROM "
                                        "scan_basket WHERE user_id = ?)"),
                         {m_keeper});
    if (!gone)
        return std::unexpected(gone.error());
    return {};
}

Status ScanSession::forgetAll() const
{
    if (!m_keeper)
        return {};
    auto gone = m_db.run(QStringLiteral("DELETE FROM scan_basket WHERE user_id = ?"), {m_keeper});
    if (!gone)
        return std::unexpected(gone.error());
    return {};
}

Result<MovementCommand> ScanSession::commandFor(const ScanLine &line) const
{
    const qint64 product = line.product.id;
    const qint64 at = m_location->id;
    switch (m_mode) {
    case ScanMode::Receive:
        return ReceiveStock{product, at, line.lot, line.expiry, line.quantity, {}, {}};
    case ScanMode::Issue:
        return IssueStock{product, at, line.lot, line.quantity, {}, {}};
    case ScanMode::Transfer:
        return TransferStock{product, at, m_destination->id, line.lot, line.quantity, {}, {}};
    case ScanMode::Count:
        return CountStock{product,
                          at,
                          line.lot,
                          line.quantity,
                          std::nullopt,
                          Tr::tr("count by scanning"),
                          {}};
    }
    return fail(ErrorCode::InvalidInput, Tr::tr("Unknown scan mode."));
}

Result<QList<PostedMovement>> ScanSession::post(const Actor &actor)
{
    if (m_lines.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Nothing scanned to post."));
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    QList<PostedMovement> posted;
    for (const ScanLine &line : std::as_const(m_lines)) {
        auto command = commandFor(line);
        if (!command)
            return std::unexpected(command.error());
        auto done = m_movements.post(actor, *command);
        if (!done) {
            Error error = done.error();
            error.message = Tr::tr("%1: %2").arg(line.product.sku, error.message);
            return std::unexpected(error);
        }
        posted.append(*done);
    }
    // The basket goes with the post, all or nothing; the places scanned stay in it.
    if (auto forgotten = forgetAll(); !forgotten)
        return std::unexpected(forgotten.error());
    if (m_location) {
        if (auto kept = keep(m_locationScan, m_locationDay); !kept)
            return std::unexpected(kept.error());
    }
    if (m_destination) {
        if (auto kept = keep(m_destinationScan, m_destinationDay); !kept)
            return std::unexpected(kept.error());
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    m_lines.clear();
    m_history.clear();
    m_multiplier = 0;
    if (m_location)
        m_history.append(Step{Step::Location});
    if (m_destination)
        m_history.append(Step{Step::Location});
    Q_EMIT changed();
    return posted;
}

} // namespace Stockroom
