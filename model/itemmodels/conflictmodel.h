#pragma once

// ConflictModel: the open entries of the conflict inbox as a table, newest first, each
// with both sides: what the value was (base), what the server has (theirs) and what this
// workstation wanted (mine), with the record named in words. Read-only; decisions go
// through ConflictService, after which reload() shows what is left.

#include "model/storage/database.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace Stockroom {

struct ConflictEntry
{
    QString uuid;
    QString type; // field, negative-stock, stale-count, rejected
    QString record;
    QString field;
    QString base;
    QString theirs;
    QString mine;
    QString detail;
    QDateTime created;
};

class ConflictModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Kind, Record, Field, Base, Theirs, Mine, Detail, Created };
    static constexpr int columns = 8;
    static constexpr int UuidRole = Qt::UserRole + 1;
    // The entry's type: field, negative-stock, stale-count or rejected.
    static constexpr int TypeRole = Qt::UserRole + 2;

    explicit ConflictModel(const Database &db, QObject *parent = nullptr);

    Status reload();
    const ConflictEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString describe(const QString &entity, const QString &key) const;

    const Database &m_db;
    QList<ConflictEntry> m_entries;
};

} // namespace Stockroom
