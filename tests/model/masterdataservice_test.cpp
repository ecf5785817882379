// Master data: validation, roles, optimistic versions and the audit log.

#include "tests/support/stockfixture.h"

#include "model/domain/limits.h"

#include "model/ledger/auditlog.h"

namespace Stockroom {
namespace {

using testing::HasSubstr;

class MasterDataServiceTest : public Stockroom::Test::StockFixture
{};

TEST_F(MasterDataServiceTest, TwoConnectionsEditingTheSameProductConflict)
{
    // A second workstation process opens the same file.
    std::unique_ptr<Database> other = temp.openAnother();
    ASSERT_TRUE(other);
    MasterDataService otherService(*other, clock);

    // Both read version 1; the other one saves first.
    auto saved = otherService.editProduct(
        manager, {widget.id, widget.version, QStringLiteral("Widget, blue"), {}, {}, {}});
    ASSERT_TRUE(saved) << saved.error().message.toStdString();
    EXPECT_EQ(saved->version, widget.version + 1);

    auto stale = masterData->editProduct(
        manager, {widget.id, widget.version, QStringLiteral("Widget, red"), {}, {}, {}});
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::VersionConflict);
    ASSERT_TRUE(stale.error().conflict);
    const Conflict &conflict = *stale.error().conflict;
    EXPECT_EQ(conflict.baseVersion, widget.version);
    EXPECT_EQ(conflict.currentVersion, widget.version + 1);
    EXPECT_EQ(conflict.mine.value(QStringLiteral("name")), QStringLiteral("Widget, red"));
    EXPECT_EQ(conflict.theirs.value(QStringLiteral("name")), QStringLiteral("Widget, blue"));

    // Nothing was overwritten.
    auto stored = catalog->product(widget.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->name, QStringLiteral("Widget, blue"));
}

TEST_F(MasterDataServiceTest, EditIsAuditedFieldByField)
{
    auto edited = masterData->editProduct(manager,
                                          {widget.id,
                                           widget.version,
                                           QStringLiteral("Widget XL"),
                                           QStringLiteral("위젯 XL"),
                                           QStringLiteral("EA"),
                                           {}});
    ASSERT_TRUE(edited);
    AuditLog log(*db);
    auto history = log.history(QStringLiteral("product"), widget.id);
    ASSERT_TRUE(history);
    // create, the barcode, then name and local name (unit did not change)
    ASSERT_EQ(history->size(), 4);
    const AuditEntry &rename = history->at(2);
    EXPECT_EQ(rename.userId, manager.userId);
    EXPECT_EQ(rename.field, QStringLiteral("name"));
    EXPECT_EQ(rename.oldValue.toString(), QStringLiteral("Widget"));
    EXPECT_EQ(rename.newValue.toString(), QStringLiteral("Widget XL"));
    EXPECT_EQ(rename.at, clock.now());
    EXPECT_EQ(history->at(3).field, QStringLiteral("local_name"));
}

TEST_F(MasterDataServiceTest, UnchangedEditKeepsTheVersion)
{
    auto edited = masterData->editProduct(manager,
                                          {widget.id, widget.version, widget.name, {}, {}, {}});
    ASSERT_TRUE(edited);
    EXPECT_EQ(edited->version, widget.version);
}

TEST_F(MasterDataServiceTest, ClerkCannotEditMasterData)
{
    auto created = masterData->createProduct(
        clerk, {QStringLiteral("X-1"), QStringLiteral("X"), {}, QStringLiteral("EA"), false, {}});
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::PermissionDenied);
    auto threshold = masterData->setThreshold(clerk, {widget.id, 0, 0, 1, 10, 2});
    ASSERT_FALSE(threshold);
    EXPECT_EQ(threshold.error().code, ErrorCode::PermissionDenied);
}

TEST_F(MasterDataServiceTest, ProductNeedsUniqueSkuAndName)
{
    auto duplicate = masterData->createProduct(manager,
                                               {QStringLiteral("W-100"),
                                                QStringLiteral("Again"),
                                                {},
                                                QStringLiteral("EA"),
                                                false,
                                                {}});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::Duplicate);
    auto unnamed = masterData->createProduct(manager,
                                             {QStringLiteral("N-1"),
                                              QStringLiteral("  "),
                                              {},
                                              QStringLiteral("EA"),
                                              false,
                                              {}});
    ASSERT_FALSE(unnamed);
    EXPECT_EQ(unnamed.error().code, ErrorCode::InvalidInput);
}

TEST_F(MasterDataServiceTest, ProductTextsKeepTheLimitsAtAndPastEachOne)
{
    const auto create = [&](const QString &sku, const QString &name, const QString &unit) {
        return masterData->createProduct(manager, {sku, name, name, unit, false, {}});
    };
    const QString sku(Limits::sku, QLatin1Char('S'));
    const QString name(Limits::productName, QChar(0xD488)); // 품
    const QString unit(Limits::unit, QLatin1Char('U'));
    auto atLimits = create(sku, name, unit);
    ASSERT_TRUE(atLimits) << atLimits.error().message.toStdString();
    EXPECT_EQ(atLimits->name, name);

    const auto refusal = [](const Result<Product> &product) {
        return product ? std::string("created") : product.error().message.toStdString();
    };
    EXPECT_EQ(refusal(create(sku + u'S', QStringLiteral("n"), QStringLiteral("EA"))),
              "The SKU is longer than 64 characters.");
    EXPECT_EQ(refusal(create(QStringLiteral("S-2"), name + u'x', QStringLiteral("EA"))),
              "The product name is longer than 200 characters.");
    EXPECT_EQ(refusal(create(QStringLiteral("S-3"), QStringLiteral("n"), unit + u'U')),
              "The unit of measure is longer than 16 characters.");
    EXPECT_EQ(refusal(create(QString(100'000, u'S'), QStringLiteral("n"), QStringLiteral("EA"))),
              "The SKU is longer than 64 characters.");
    // A NUL, or any control character, is refused in a code; a name may break lines.
    EXPECT_THAT(refusal(create(QStringLiteral("S\0-4"), QStringLiteral("n"), QStringLiteral("EA"))),
                HasSubstr("The SKU holds a control character"));
    EXPECT_THAT(refusal(create(QStringLiteral("S-5"),
                               QStringLiteral("a\x1b[31m"),
                               QStringLiteral("EA"))),
                HasSubstr("The product name holds a control character"));
    EXPECT_EQ(refusal(
                  create(QStringLiteral("S-6"), QStringLiteral("two\nlines"), QStringLiteral("EA"))),
              "created");

    EditProduct edit{atLimits->id, atLimits->version, name + u'x', {}, {}, {}};
    auto longer = masterData->editProduct(manager, edit);
    ASSERT_FALSE(longer);
    EXPECT_EQ(longer.error().code, ErrorCode::InvalidInput);
    edit.name.reset();
    edit.localName = QString(Limits::productName + 1, u'l');
    EXPECT_FALSE(masterData->editProduct(manager, edit));

    CreateProduct many{QStringLiteral("S-7"),
                       QStringLiteral("n"),
                       {},
                       QStringLiteral("EA"),
                       false,
                       {}};
    for (int i = 0; i <= Limits::barcodesPerProduct; ++i)
        many.barcodes.append(QStringLiteral("B-%1").arg(i));
    auto tooMany = masterData->createProduct(manager, many);
    ASSERT_FALSE(tooMany);
    EXPECT_EQ(tooMany.error().message, QStringLiteral("A product carries at most 100 barcodes."));
    many.barcodes.removeLast();
    EXPECT_TRUE(masterData->createProduct(manager, many));
}

TEST_F(MasterDataServiceTest, BarcodesAreCheckedAndUnique)
{
    auto wrongDigit = masterData->addBarcode(manager, {widget.id, QStringLiteral("4006381333932")});
    ASSERT_FALSE(wrongDigit);
    EXPECT_THAT(wrongDigit.error().message.toStdString(), HasSubstr("it should be 1"));

    auto taken = masterData->addBarcode(manager, {medicine.id, QStringLiteral("4006381333931")});
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::Duplicate);

    auto locationCode = masterData->addBarcode(manager, {medicine.id, QStringLiteral("LOC-A-01")});
    ASSERT_FALSE(locationCode);
    EXPECT_EQ(locationCode.error().code, ErrorCode::Duplicate);

    auto added = masterData->addBarcode(manager, {medicine.id, QStringLiteral("036000291452")});
    ASSERT_TRUE(added);
    ASSERT_EQ(added->barcodes.size(), 2);
    EXPECT_EQ(added->barcodes.at(0).symbology, Symbology::UpcA);
}

TEST_F(MasterDataServiceTest, ASkuThatIsABarcodeOrABarcodeThatIsAnotherSkuIsRefused)
{
    // A scan finds barcodes before SKUs: either collision would record stock against a
    // decoy when someone types the SKU.
    const auto product = [](const QString &sku, const QStringList &barcodes) {
        return CreateProduct{sku, QStringLiteral("Decoy"), {}, QStringLiteral("EA"), false, barcodes};
    };
    auto skuIsBarcode = masterData->createProduct(manager,
                                                  product(QStringLiteral("4006381333931"), {}));
    ASSERT_FALSE(skuIsBarcode);
    EXPECT_EQ(skuIsBarcode.error().code, ErrorCode::Duplicate);
    auto skuIsLocationBarcode = masterData->createProduct(manager,
                                                          product(QStringLiteral("LOC-A-01"), {}));
    ASSERT_FALSE(skuIsLocationBarcode);
    EXPECT_EQ(skuIsLocationBarcode.error().code, ErrorCode::Duplicate);
    auto barcodeIsSku = masterData->createProduct(manager,
                                                  product(QStringLiteral("D-1"),
                                                          {QStringLiteral("W-100")}));
    ASSERT_FALSE(barcodeIsSku);
    EXPECT_EQ(barcodeIsSku.error().code, ErrorCode::Duplicate);
    EXPECT_THAT(barcodeIsSku.error().message.toStdString(), HasSubstr("W-100 is the SKU of Widget"));
    auto linked = masterData->addBarcode(manager, {medicine.id, QStringLiteral("W-100")});
    ASSERT_FALSE(linked);
    EXPECT_EQ(linked.error().code, ErrorCode::Duplicate);
    EXPECT_EQ(catalog->findProduct(QStringLiteral("W-100"))->id, widget.id);

    // A product's own SKU as its barcode names the same product either way.
    EXPECT_TRUE(masterData->createProduct(manager,
                                          product(QStringLiteral("D-2"), {QStringLiteral("D-2")})));
    EXPECT_TRUE(masterData->addBarcode(manager, {widget.id, QStringLiteral("W-100")}));
}

TEST_F(MasterDataServiceTest, LocationTreeRules)
{
    auto binInBin = masterData->createLocation(manager,
                                               {binA.id,
                                                LocationKind::Bin,
                                                QStringLiteral("X"),
                                                QStringLiteral("X"),
                                                {}});
    ASSERT_FALSE(binInBin);
    auto orphanZone = masterData->createLocation(manager,
                                                 {0,
                                                  LocationKind::Zone,
                                                  QStringLiteral("Z"),
                                                  QStringLiteral("Z"),
                                                  {}});
    ASSERT_FALSE(orphanZone);
    auto duplicate = masterData->createLocation(manager,
                                                {zone.id,
                                                 LocationKind::Bin,
                                                 QStringLiteral("A-01"),
                                                 QStringLiteral("A-01"),
                                                 {}});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::Duplicate);
    EXPECT_EQ(binA.warehouseId, warehouse.id);
    EXPECT_EQ(warehouse.warehouseId, warehouse.id);
}

TEST_F(MasterDataServiceTest, StaleLocationEditConflicts)
{
    ASSERT_TRUE(
        masterData->editLocation(manager,
                                 {binA.id, binA.version, QStringLiteral("Bin A one"), {}, {}}));
    auto stale = masterData->editLocation(manager, {binA.id, binA.version, {}, {}, true});
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::VersionConflict);
}

TEST_F(MasterDataServiceTest, ThresholdsAreValidatedAndVersioned)
{
    auto inverted = masterData->setThreshold(manager, {widget.id, 0, 0, 10, 5, {}});
    ASSERT_FALSE(inverted);
    EXPECT_EQ(inverted.error().code, ErrorCode::InvalidInput);
    auto notWarehouse = masterData->setThreshold(manager, {widget.id, binA.id, 0, 1, 5, {}});
    ASSERT_FALSE(notWarehouse);
    auto negative = masterData->setThreshold(manager, {widget.id, 0, 0, -1, {}, {}});
    ASSERT_FALSE(negative);
    auto pastTheLimit = masterData->setThreshold(manager,
                                                 {widget.id, 0, 0, {}, Limits::quantity + 1, {}});
    ASSERT_FALSE(pastTheLimit);
    EXPECT_EQ(pastTheLimit.error().code, ErrorCode::InvalidInput);
    auto atTheLimit = masterData->setThreshold(manager, {widget.id, 0, 0, {}, Limits::quantity, {}});
    ASSERT_TRUE(atTheLimit) << atTheLimit.error().message.toStdString();

    auto created = masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 5, 50, 10});
    ASSERT_TRUE(created);
    EXPECT_EQ(created->version, 1);
    auto stale = masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 6, 50, 10});
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::VersionConflict);
    EXPECT_EQ(stale.error().conflict->theirs.value(QStringLiteral("min_qty")).toLongLong(), 5);
    auto updated = masterData->setThreshold(manager, {widget.id, warehouse.id, 1, 6, {}, 10});
    ASSERT_TRUE(updated);
    auto stored = catalog->threshold(widget.id, warehouse.id);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->minQty, 6);
    EXPECT_FALSE((*stored)->maxQty.has_value());
    EXPECT_EQ((*stored)->version, 2);
}

TEST_F(MasterDataServiceTest, UsersSignInWithTheirPasswordOnly)
{
    auto signedIn = users->authenticate(QStringLiteral("kim"), QStringLiteral("clerk-password"));
    ASSERT_TRUE(signedIn);
    EXPECT_EQ(signedIn->role, Role::Clerk);
    auto wrong = users->authenticate(QStringLiteral("kim"), QStringLiteral("clerk-passw0rd"));
    ASSERT_FALSE(wrong);
    auto unknown = users->authenticate(QStringLiteral("nobody"), QStringLiteral("clerk-password"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(MasterDataServiceTest, AnIntegrationsServiceUserIsMadeOnceAndCannotSignIn)
{
    auto first = users->serviceUser(QStringLiteral("erp"), Role::Manager);
    ASSERT_TRUE(first) << first.error();
    auto again = users->serviceUser(QStringLiteral("erp"), Role::Manager);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *first);
    auto user = catalog->userByName(QStringLiteral("api:erp"));
    ASSERT_TRUE(user);
    EXPECT_EQ(user->uuid, *first);
    EXPECT_EQ(user->displayName, QStringLiteral("erp (API)"));
    EXPECT_EQ(user->role, Role::Manager);
    for (const QString &password : {QStringLiteral("!"), QString()})
        EXPECT_FALSE(users->authenticate(QStringLiteral("api:erp"), password));
    auto other = users->serviceUser(QStringLiteral("shop"), Role::Clerk);
    ASSERT_TRUE(other);
    EXPECT_NE(*other, *first);
}

TEST_F(MasterDataServiceTest, OnlyAdminsCreateUsers)
{
    auto byManager = users->createUser(manager,
                                       {QStringLiteral("lee"),
                                        {},
                                        Role::Clerk,
                                        QStringLiteral("long-enough")});
    ASSERT_FALSE(byManager);
    EXPECT_EQ(byManager.error().code, ErrorCode::PermissionDenied);
    auto secondFirst = users->createFirstAdmin(
        {QStringLiteral("eve"), {}, Role::Admin, QStringLiteral("long-enough")});
    ASSERT_FALSE(secondFirst);
    auto shortPassword
        = users->createUser(admin,
                            {QStringLiteral("lee"), {}, Role::Clerk, QStringLiteral("short")});
    ASSERT_FALSE(shortPassword);
    EXPECT_EQ(shortPassword.error().code, ErrorCode::InvalidInput);
}

TEST_F(MasterDataServiceTest, AnAdminDisablesAUserWhoThenCannotSignIn)
{
    auto denied = users->setActive(manager, clerk.userId, false);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::PermissionDenied);
    auto self = users->setActive(admin, admin.userId, false);
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().message, QStringLiteral("You cannot disable yourself."));

    auto disabled = users->setActive(admin, clerk.userId, false);
    ASSERT_TRUE(disabled) << disabled.error();
    EXPECT_FALSE(disabled->active);
    EXPECT_FALSE(users->authenticate(QStringLiteral("kim"), QStringLiteral("clerk-password")));
    auto audit = AuditLog(*db).history(QStringLiteral("user"), clerk.userId);
    ASSERT_TRUE(audit) << audit.error();
    EXPECT_EQ(audit->last().field, QStringLiteral("active"));
    ASSERT_TRUE(users->setActive(admin, clerk.userId, true));
    EXPECT_TRUE(users->authenticate(QStringLiteral("kim"), QStringLiteral("clerk-password")));

    // A workstation that syncs takes its users from the server.
    ASSERT_TRUE(db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
    auto synced = users->createUser(admin,
                                    {QStringLiteral("lee"),
                                     {},
                                     Role::Clerk,
                                     QStringLiteral("long-enough")});
    ASSERT_FALSE(synced);
    EXPECT_EQ(synced.error().code, ErrorCode::PermissionDenied);
    EXPECT_FALSE(users->setActive(admin, clerk.userId, false));
}

} // namespace
} // namespace Stockroom
