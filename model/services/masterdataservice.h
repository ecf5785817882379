#pragma once

// MasterDataService: validates and applies the master-data commands.
//
// Every change checks the actor's role, is written together with its audit-log rows in
// one transaction, and bumps the record's version. An edit made against an old version
// fails with VersionConflict; the Error's Conflict holds the fields the user meant to
// write ("mine") and the stored record ("theirs"), and nothing is written.
// Signals are emitted after the change is committed.

#include "catalog.h"
#include "model/domain/clock.h"
#include "model/domain/masterdatacommands.h"
#include "model/ledger/auditlog.h"

#include <QObject>

#include <functional>

namespace Stockroom {

struct Actor;
class Outbox;

class MasterDataService : public QObject
{
    Q_OBJECT

public:
    using IdGenerator = std::function<QString()>;

    MasterDataService(Database &db,
                      const Clock &clock,
                      IdGenerator newId = {},
                      QObject *parent = nullptr);

    Result<Product> createProduct(const Actor &actor, const CreateProduct &command);
    Result<Product> editProduct(const Actor &actor, const EditProduct &command);
    Result<Product> addBarcode(const Actor &actor, const AddBarcode &command);
    Result<Location> createLocation(const Actor &actor, const CreateLocation &command);
    Result<Location> editLocation(const Actor &actor, const EditLocation &command);
    Result<Threshold> setThreshold(const Actor &actor, const SetThreshold &command);

Q_SIGNALS:
    void productChanged(qint64 productId);
    void locationChanged(qint64 locationId);
    void thresholdChanged(qint64 productId, qint64 warehouseId);

private:
    struct Change
    {
        const char *column;
        QVariant value;
    };
    Status applyEdit(const Actor &actor,
                     const QString &entity,
                     qint64 id,
                     qint64 baseVersion,
                     const QVariantMap &current,
                     const QList<Change> &changes);
    Status insertBarcode(const Actor &actor, qint64 productId, const QString &code);
    Status queueThreshold(Outbox &outbox,
                          const Actor &actor,
                          const SetThreshold &command,
                          const QVariantMap &before);
    Status audit(const Actor &actor,
                 const QString &entity,
                 qint64 id,
                 const QString &action,
                 const QString &field = {},
                 const QVariant &oldValue = {},
                 const QVariant &newValue = {});

    Database &m_db;
    const Clock &m_clock;
    IdGenerator m_newId;
    Catalog m_catalog;
    AuditLog m_audit;
};

} // namespace Stockroom
