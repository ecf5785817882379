#pragma once

// PagedTableModel: the lazy loading shared by the big table models.
//
// Rows arrive a page at a time: the first page on reload(), the next when a view scrolls
// to the end and calls fetchMore(). Each page continues after the last row loaded (a
// keyset cursor), so no page costs more than the first and nothing loads the whole table.
// A page that fails to load emits loadFailed() and leaves the rows already shown alone.

#include "model/domain/error.h"

#include <QAbstractTableModel>
#include <QList>

namespace Stockroom {

class PagedModelSignals : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

Q_SIGNALS:
    void loadFailed(const Stockroom::Error &error);
};

template<typename Row>
class PagedTableModel : public PagedModelSignals
{
public:
    static constexpr int pageSize = 256;

    using PagedModelSignals::PagedModelSignals;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    bool canFetchMore(const QModelIndex &parent) const override
    {
        return !parent.isValid() && m_more;
    }
    void fetchMore(const QModelIndex &parent) override
    {
        // Listeners of modelReset may ask for more before the reset is fully announced;
        // rows inserted then would reach some listeners before the reset itself.
        if (parent.isValid() || !m_more || m_resetting)
            return;
        auto page = loadPage(m_rows.isEmpty() ? nullptr : &m_rows.last(), pageSize);
        if (!page) {
            m_more = false;
            Q_EMIT loadFailed(page.error());
            return;
        }
        m_more = page->size() == pageSize;
        if (page->isEmpty())
            return;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
        m_rows += *page;
        endInsertRows();
    }

    const Row &rowAt(int row) const { return m_rows.at(row); }

    // Drops every row and loads the first page again.
    void reload()
    {
        m_resetting = true;
        beginResetModel();
        m_rows.clear();
        auto page = loadPage(nullptr, pageSize);
        if (page) {
            m_rows = *page;
            m_more = page->size() == pageSize;
        } else {
            m_more = false;
        }
        endResetModel();
        m_resetting = false;
        if (!page)
            Q_EMIT loadFailed(page.error());
    }

protected:
    // The rows after `after` (from the start when null), at most limit of them.
    virtual Result<QList<Row>> loadPage(const Row *after, int limit) = 0;

    QList<Row> &rows() { return m_rows; }
    const QList<Row> &rows() const { return m_rows; }
    bool hasMore() const { return m_more; }

private:
    QList<Row> m_rows;
    bool m_more = false;
    bool m_resetting = false;
};

} // namespace Stockroom
