#include "scansession.h"

#include "model/domain/tr.h"
#include "scanresolver.h"

namespace Stockroom {

ScanSession::ScanSession(Database &db,
                         const Catalog &catalog,
                         MovementService &movements,
                         QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_catalog(catalog)
    , m_movements(movements)
{}

void ScanSession::setMode(ScanMode mode)
{
    m_mode = mode;
    m_location.reset();
    m_destination.reset();
    m_lines.clear();
    m_history.clear();
    Q_EMIT changed();
}

Result<QString> ScanSession::scan(const QString &code, const QDate &today)
{
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
            said = Tr::tr("To %1").arg(location.code);
        } else {
            if (!m_lines.isEmpty())
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("Post or cancel the scanned items before changing the "
                                   "location."));
            m_location = location;
            m_destination.reset();
            said = m_mode == ScanMode::Transfer ? Tr::tr("From %1").arg(location.code)
                                                : Tr::tr("At %1").arg(location.code);
        }
        m_history.append({-1, 0});
        Q_EMIT changed();
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
    const qint64 quantity = result->quantity.value_or(1);
    if (quantity <= 0)
        return fail(ErrorCode::InvalidInput, Tr::tr("The label's count is zero."));
    int index = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).product.id == product.id && m_lines.at(i).lot == result->lot) {
            index = i;
            break;
        }
    }
    if (index < 0) {
        m_lines.append({product, result->lot, result->expiry, 0});
        index = int(m_lines.size()) - 1;
    }
    m_lines[index].quantity += quantity;
    m_history.append({index, quantity});
    Q_EMIT changed();
    QString said = Tr::tr("%1 × %2").arg(product.name).arg(m_lines.at(index).quantity);
    if (!result->lot.isEmpty())
        said += Tr::tr(", lot %1").arg(result->lot);
    return said;
}

void ScanSession::cancelLast()
{
    if (m_history.isEmpty())
        return;
    const auto [index, quantity] = m_history.takeLast();
    if (index < 0) {
        if (m_destination)
            m_destination.reset();
        else
            m_location.reset();
    } else {
        m_lines[index].quantity -= quantity;
        if (m_lines.at(index).quantity <= 0) {
            m_lines.removeAt(index);
            // Later entries never refer past a removed line: it was the last one added.
        }
    }
    Q_EMIT changed();
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
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    m_lines.clear();
    m_history.clear();
    if (m_location)
        m_history.append({-1, 0});
    if (m_destination)
        m_history.append({-1, 0});
    Q_EMIT changed();
    return posted;
}

} // namespace Stockroom
