#pragma once

// StockFixture: a fresh encrypted database with the services wired up, a fake clock,
// one user of each role, a warehouse with a zone and three bins, and two products
// (one of them tracked by lot).

#include "fakeclock.h"
#include "printers.h"
#include "tempdatabase.h"

#include "model/domain/actor.h"
#include "model/ledger/stockledger.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"

#include <gmock/gmock.h>

namespace Stockroom::Test {

class StockFixture : public testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    // Posts a command that must succeed, and returns what it posted.
    PostedMovement post(const MovementCommand &command);
    PostedMovement post(const Actor &actor, const MovementCommand &command);
    qint64 quantity(qint64 productId, qint64 locationId, qint64 lotId = 0);
    qint64 lotId(qint64 productId, const QString &code);

    TempDatabase temp;
    FakeClock clock;
    Database *db = nullptr;
    std::unique_ptr<StockLedger> ledger;
    std::unique_ptr<MovementService> movements;
    std::unique_ptr<MasterDataService> masterData;
    std::unique_ptr<UserService> users;
    std::unique_ptr<Catalog> catalog;

    Actor admin;
    Actor manager;
    Actor clerk;
    Location warehouse;
    Location zone;
    Location binA;
    Location binB;
    Location binC;
    Product widget;   // not lot-tracked, EAN-13 4006381333931
    Product medicine; // lot-tracked
};

} // namespace Stockroom::Test
