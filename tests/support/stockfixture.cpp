#include "stockfixture.h"

namespace Stockroom::Test {

namespace {

template<typename T>
T require(Result<T> result, const char *what)
{
    if (!result) {
        ADD_FAILURE() << what << ": " << result.error().message.toStdString();
        std::abort();
    }
    return std::move(*result);
}

} // namespace

void StockFixture::SetUp()
{
    db = &temp.create();
    ledger = std::make_unique<StockLedger>(*db);
    movements = std::make_unique<MovementService>(*db, *ledger, clock);
    masterData = std::make_unique<MasterDataService>(*db, clock);
    users = std::make_unique<UserService>(*db, clock);
    catalog = std::make_unique<Catalog>(*db);

    require(users->createFirstAdmin({QStringLiteral("ada"),
                                     QStringLiteral("Ada"),
                                     Role::Admin,
                                     QStringLiteral("admin-password")}),
            "first admin");
    admin = require(users->actorFor(QStringLiteral("ada")), "admin");
    require(users->createUser(admin,
                              {QStringLiteral("mina"),
                               QStringLiteral("Mina"),
                               Role::Manager,
                               QStringLiteral("manager-password")}),
            "manager");
    require(users->createUser(admin,
                              {QStringLiteral("kim"),
                               QStringLiteral("Kim"),
                               Role::Clerk,
                               QStringLiteral("clerk-password")}),
            "clerk");
    manager = require(users->actorFor(QStringLiteral("mina")), "manager");
    clerk = require(users->actorFor(QStringLiteral("kim")), "clerk");

    warehouse = require(masterData->createLocation(manager,
                                                   {0,
                                                    LocationKind::Warehouse,
                                                    QStringLiteral("WH1"),
                                                    QStringLiteral("Main warehouse"),
                                                    QString()}),
                        "warehouse");
    zone = require(masterData->createLocation(manager,
                                              {warehouse.id,
                                               LocationKind::Zone,
                                               QStringLiteral("WH1-A"),
                                               QStringLiteral("Zone A"),
                                               QString()}),
                   "zone");
    const auto bin = [&](const char *code) {
        return require(masterData->createLocation(manager,
                                                  {zone.id,
                                                   LocationKind::Bin,
                                                   QString::fromLatin1(code),
                                                   QString::fromLatin1(code),
                                                   QStringLiteral("LOC-")
                                                       + QString::fromLatin1(code)}),
                       "bin");
    };
    binA = bin("A-01");
    binB = bin("A-02");
    binC = bin("A-03");

    widget = require(masterData->createProduct(manager,
                                               {QStringLiteral("W-100"),
                                                QStringLiteral("Widget"),
                                                QStringLiteral("위젯"),
                                                QStringLiteral("EA"),
                                                false,
                                                {QStringLiteral("4006381333931")}}),
                     "widget");
    medicine = require(masterData->createProduct(manager,
                                                 {QStringLiteral("M-200"),
                                                  QStringLiteral("Saline 500 ml"),
                                                  QStringLiteral("생리식염수 500 ml"),
                                                  QStringLiteral("BOX"),
                                                  true,
                                                  {QStringLiteral("96385074")}}),
                       "medicine");
}

void StockFixture::TearDown()
{
    catalog.reset();
    users.reset();
    masterData.reset();
    movements.reset();
    ledger.reset();
    temp.close();
}

PostedMovement StockFixture::post(const MovementCommand &command)
{
    return post(clerk, command);
}

PostedMovement StockFixture::post(const Actor &actor, const MovementCommand &command)
{
    return require(movements->post(actor, command), "post");
}

qint64 StockFixture::quantity(qint64 productId, qint64 locationId, qint64 lotId)
{
    return require(ledger->stockLevel(productId, locationId, lotId), "stock").quantity;
}

qint64 StockFixture::lotId(qint64 productId, const QString &code)
{
    auto lot = require(catalog->lot(productId, code), "lot");
    return lot ? lot->id : 0;
}

} // namespace Stockroom::Test
