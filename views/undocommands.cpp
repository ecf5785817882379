#include "undocommands.h"

#include "model/masterdataservice.h"

#include <QCoreApplication>

namespace Stockroom::Views {

ProductEditCommand::ProductEditCommand(MasterDataService &service,
                                       const Actor &actor,
                                       qint64 productId,
                                       const ProductFields &before,
                                       const ProductFields &after,
                                       qint64 versionAfter,
                                       UndoFailed failed)
    : m_service(service)
    , m_actor(actor)
    , m_productId(productId)
    , m_before(before)
    , m_after(after)
    , m_version(versionAfter)
    , m_failed(std::move(failed))
{
    setText(
        QCoreApplication::translate("Stockroom::Views::ProductsView", "edit of %1").arg(after.name));
}

void ProductEditCommand::undo()
{
    apply(m_before);
}

void ProductEditCommand::redo()
{
    if (m_applied) {
        m_applied = false; // pushed after the edit itself was made
        return;
    }
    apply(m_after);
}

void ProductEditCommand::apply(const ProductFields &fields)
{
    auto done = m_service.editProduct(m_actor,
                                      {m_productId,
                                       m_version,
                                       fields.name,
                                       fields.localName,
                                       fields.unit,
                                       fields.archived});
    if (!done) {
        setObsolete(true);
        m_failed(done.error());
        return;
    }
    m_version = done->version;
}

ThresholdCommand::ThresholdCommand(MasterDataService &service,
                                   const Actor &actor,
                                   qint64 productId,
                                   qint64 warehouseId,
                                   const Limits &before,
                                   const Limits &after,
                                   qint64 versionAfter,
                                   UndoFailed failed)
    : m_service(service)
    , m_actor(actor)
    , m_productId(productId)
    , m_warehouseId(warehouseId)
    , m_before(before)
    , m_after(after)
    , m_version(versionAfter)
    , m_failed(std::move(failed))
{
    setText(QCoreApplication::translate("Stockroom::Views::ProductsView", "change of thresholds"));
}

void ThresholdCommand::undo()
{
    apply(m_before);
}

void ThresholdCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    apply(m_after);
}

void ThresholdCommand::apply(const Limits &limits)
{
    auto done = m_service.setThreshold(m_actor,
                                       {m_productId,
                                        m_warehouseId,
                                        m_version,
                                        limits.minQty,
                                        limits.maxQty,
                                        limits.reorderPoint});
    if (!done) {
        setObsolete(true);
        m_failed(done.error());
        return;
    }
    m_version = done->version;
}

} // namespace Stockroom::Views
