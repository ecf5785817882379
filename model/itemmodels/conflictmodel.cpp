#include "conflictmodel.h"

#include "model/domain/tr.h"

#include <QSqlQuery>
#include <QTimeZone>

#include <array>

namespace Stockroom {

namespace {

QString kindText(const QString &type)
{
    if (type == QLatin1String("field"))
        return Tr::tr("Changed two ways");
    if (type == QLatin1String("negative-stock"))
        return Tr::tr("Stock below zero");
    if (type == QLatin1String("stale-count"))
        return Tr::tr("Count against old stock");
    if (type == QLatin1String("rejected"))
        return Tr::tr("Refused by the server");
    return type;
}

} // namespace

ConflictModel::ConflictModel(const Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

QString ConflictModel::describe(const QString &entity, const QString &key) const
{
    // Keys name records by UUID (product, product/location/lot, product/warehouse).
    const QStringList parts = key.split(QLatin1Char('/'));
    const auto lookup = [this](const char *sql, const QString &uuid) {
        auto query = m_db.run(QString::fromLatin1(sql), {uuid});
        QString text;
        if (query && (*query)->next())
            text = (*query)->value(0).toString();
        if (query)
            (*query)->finish();
        return text;
    };
    const QString product = lookup("SELECT sku || ' ' || name FROM products WHERE uuid = ?",
                                   parts.value(0));
    if (entity == QLatin1String("product") || entity == QLatin1String("threshold")) {
        const QString warehouse = lookup("SELECT code FROM locations WHERE uuid = ?",
                                         parts.value(1));
        return warehouse.isEmpty() ? product : Tr::tr("%1 in %2").arg(product, warehouse);
    }
    if (entity == QLatin1String("stock")) {
        QString text = Tr::tr("%1 at %2")
                           .arg(product,
                                lookup("SELECT code FROM locations WHERE uuid = ?", parts.value(1)));
        if (!parts.value(2).isEmpty())
            text += Tr::tr(", lot %1").arg(parts.value(2));
        return text;
    }
    if (entity == QLatin1String("movement"))
        return Tr::tr("Movement %1").arg(key);
    return key;
}

Status ConflictModel::reload()
{
    auto rows = m_db.run(
        QStringLiteral("SELECT uuid, type, entity, entity_key, field, "
                       "coalesce(base, ''), coalesce(theirs, ''), coalesce(mine, ''), "
                       "detail, created_at FROM conflicts WHERE state = 'open' "
                       "ORDER BY created_at DESC, id DESC"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<std::array<QString, 9>> read;
    QList<qint64> created;
    while ((*rows)->next()) {
        std::array<QString, 9> values;
        for (int i = 0; i < 9; ++i)
            values[size_t(i)] = (*rows)->value(i).toString();
        read.append(values);
        created.append((*rows)->value(9).toLongLong());
    }
    QList<ConflictEntry> entries;
    for (qsizetype i = 0; i < read.size(); ++i) {
        const auto &v = read.at(i);
        entries.append({v[0],
                        v[1],
                        describe(v[2], v[3]),
                        v[4],
                        v[5],
                        v[6],
                        v[7],
                        v[8],
                        QDateTime::fromMSecsSinceEpoch(created.at(i), QTimeZone::utc())});
    }
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    return {};
}

int ConflictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConflictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columns;
}

QVariant ConflictModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConflictEntry &e = m_entries.at(index.row());
    if (role == UuidRole)
        return e.uuid;
    if (role == TypeRole)
        return e.type;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Column::Kind:
        return kindText(e.type);
    case Column::Record:
        return e.record;
    case Column::Field:
        return e.field;
    case Column::Base:
        return e.base;
    case Column::Theirs:
        return e.theirs;
    case Column::Mine:
        return e.mine;
    case Column::Detail:
        return e.detail;
    case Column::Created:
        return e.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    return {};
}

QVariant ConflictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Kind:
        return Tr::tr("Conflict");
    case Column::Record:
        return Tr::tr("Record");
    case Column::Field:
        return Tr::tr("Field");
    case Column::Base:
        return Tr::tr("Was");
    case Column::Theirs:
        return Tr::tr("Server");
    case Column::Mine:
        return Tr::tr("This workstation");
    case Column::Detail:
        return Tr::tr("Detail");
    case Column::Created:
        return Tr::tr("When");
    }
    return {};
}

} // namespace Stockroom
