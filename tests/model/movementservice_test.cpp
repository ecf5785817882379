// Every rule of the movement commands.

#include "tests/support/stockfixture.h"

#include "model/domain/limits.h"
#include "model/ledger/auditlog.h"

#include <QSignalSpy>

namespace Stockroom {
namespace {

using testing::HasSubstr;
using Fixture = Test::StockFixture;

class MovementServiceTest : public Fixture
{};

TEST_F(MovementServiceTest, ReceiptAddsStockAndRecordsOneLine)
{
    const PostedMovement posted = post(
        ReceiveStock{widget.id, binA.id, {}, {}, 12, {}, QStringLiteral("PO-1")});
    ASSERT_EQ(posted.lines.size(), 1);
    const MovementLine &line = posted.lines.first();
    EXPECT_EQ(line.type, MovementType::Receipt);
    EXPECT_EQ(line.delta, 12);
    EXPECT_EQ(line.deviceId, db->deviceId());
    EXPECT_EQ(line.deviceSeq, 1);
    EXPECT_EQ(line.userId, clerk.userId);
    EXPECT_EQ(line.occurredAt, clock.now());
    EXPECT_EQ(line.reference, QStringLiteral("PO-1"));
    EXPECT_EQ(quantity(widget.id, binA.id), 12);
    EXPECT_EQ(posted.stockAfter.first().quantity, 12);
    EXPECT_EQ(posted.stockAfter.first().version, 1);
}

TEST_F(MovementServiceTest, DeviceSequenceCountsUp)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    const PostedMovement second = post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    EXPECT_EQ(second.lines.first().deviceSeq, 2);
}

TEST_F(MovementServiceTest, IssueRemovesStock)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    post(IssueStock{widget.id, binA.id, {}, 4, {}, QStringLiteral("SO-7")});
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
}

TEST_F(MovementServiceTest, ZeroOrNegativeQuantityIsRefused)
{
    for (qint64 bad : {0LL, -3LL}) {
        auto receipt = movements->post(clerk, ReceiveStock{widget.id, binA.id, {}, {}, bad, {}, {}});
        ASSERT_FALSE(receipt);
        EXPECT_EQ(receipt.error().code, ErrorCode::InvalidInput);
        auto issue = movements->post(clerk, IssueStock{widget.id, binA.id, {}, bad, {}, {}});
        ASSERT_FALSE(issue);
        EXPECT_EQ(issue.error().code, ErrorCode::InvalidInput);
    }
    auto huge = movements->post(
        clerk, ReceiveStock{widget.id, binA.id, {}, {}, MovementService::maxQuantity + 1, {}, {}});
    EXPECT_FALSE(huge);
}

TEST_F(MovementServiceTest, ReasonReferenceAndLotKeepTheLimitsAtAndPastEachOne)
{
    const QString reason(Limits::reason, QLatin1Char('r'));
    const QString reference(Limits::reference, QLatin1Char('f'));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, reason, reference});
    post(ReceiveStock{
        medicine.id, binA.id, QString(Limits::lotCode, u'L'), QDate(2030, 1, 1), 1, {}, {}});

    const auto refusal = [&](const MovementCommand &command) {
        auto posted = movements->post(clerk, command);
        return posted ? std::string("posted") : posted.error().message.toStdString();
    };
    EXPECT_EQ(refusal(ReceiveStock{widget.id, binA.id, {}, {}, 1, reason + u'r', {}}),
              "The reason is longer than 500 characters.");
    EXPECT_EQ(refusal(IssueStock{widget.id, binA.id, {}, 1, {}, QString(1024 * 1024, u'f')}),
              "The reference is longer than 200 characters.");
    EXPECT_EQ(refusal(ReceiveStock{medicine.id,
                                   binA.id,
                                   QString(Limits::lotCode + 1, u'L'),
                                   QDate(2030, 1, 1),
                                   1,
                                   {},
                                   {}}),
              "The lot code is longer than 64 characters.");
    EXPECT_THAT(refusal(ReceiveStock{widget.id, binA.id, {}, {}, 1, QStringLiteral("found\0"), {}}),
                HasSubstr("The reason holds a control character"));
    const QString multiline = QStringLiteral("found\tbehind\nthe shelf");
    EXPECT_EQ(refusal(ReceiveStock{widget.id, binA.id, {}, {}, 1, multiline, {}}), "posted");
    EXPECT_EQ(quantity(widget.id, binA.id), 2);
}

TEST_F(MovementServiceTest, IssueLargerThanStockIsRefusedByDefault)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 3, {}, {}});
    auto issue = movements->post(clerk, IssueStock{widget.id, binA.id, {}, 5, {}, {}});
    ASSERT_FALSE(issue);
    EXPECT_EQ(issue.error().code, ErrorCode::InsufficientStock);
    EXPECT_THAT(issue.error().message.toStdString(), HasSubstr("Only 3 EA"));
    EXPECT_THAT(issue.error().message.toStdString(), HasSubstr("W-100 at A-01"));
    EXPECT_EQ(quantity(widget.id, binA.id), 3);
}

TEST_F(MovementServiceTest, IssueLargerThanStockCanBeAllowedWithAnAlert)
{
    ASSERT_TRUE(movements->setNegativeStockPolicy(admin, NegativeStockPolicy::Allow));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 3, {}, {}});
    const PostedMovement issue = post(IssueStock{widget.id, binA.id, {}, 5, {}, {}});
    EXPECT_TRUE(issue.wentNegative);
    EXPECT_EQ(quantity(widget.id, binA.id), -2);
}

TEST_F(MovementServiceTest, PolicyChangesAreAudited)
{
    ASSERT_TRUE(movements->setNegativeStockPolicy(admin, NegativeStockPolicy::Allow));
    auto history = AuditLog(*db).history(QStringLiteral("setting"), 0);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 1);
    EXPECT_EQ(history->first().userId, admin.userId);
    EXPECT_EQ(history->first().oldValue.toString(), QStringLiteral("refuse"));
    EXPECT_EQ(history->first().newValue.toString(), QStringLiteral("allow"));
}

TEST_F(MovementServiceTest, OnlyAnAdminChangesThePolicy)
{
    auto changed = movements->setNegativeStockPolicy(manager, NegativeStockPolicy::Allow);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(movements->negativeStockPolicy(), NegativeStockPolicy::Refuse);
}

TEST_F(MovementServiceTest, ClerkCannotAdjust)
{
    auto adjusted = movements
                        ->post(clerk,
                               AdjustStock{widget.id, binA.id, {}, 5, QStringLiteral("found"), {}});
    ASSERT_FALSE(adjusted);
    EXPECT_EQ(adjusted.error().code, ErrorCode::PermissionDenied);
    EXPECT_THAT(adjusted.error().message.toStdString(),
                HasSubstr("kim (Clerk) may not adjust stock"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

TEST_F(MovementServiceTest, NobodySignedInCannotRecord)
{
    auto posted = movements->post(Actor{}, ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    ASSERT_FALSE(posted);
    EXPECT_EQ(posted.error().code, ErrorCode::PermissionDenied);
}

TEST_F(MovementServiceTest, AdjustmentNeedsAReasonAndIsNotZero)
{
    auto noReason = movements->post(manager, AdjustStock{widget.id, binA.id, {}, 5, {}, {}});
    ASSERT_FALSE(noReason);
    EXPECT_EQ(noReason.error().code, ErrorCode::InvalidInput);
    auto zero = movements->post(manager,
                                AdjustStock{widget.id, binA.id, {}, 0, QStringLiteral("x"), {}});
    ASSERT_FALSE(zero);
    post(manager, AdjustStock{widget.id, binA.id, {}, 5, QStringLiteral("found on floor"), {}});
    EXPECT_EQ(quantity(widget.id, binA.id), 5);
}

TEST_F(MovementServiceTest, TransferWritesTwoLinesAtomically)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    const PostedMovement transfer = post(TransferStock{widget.id, binA.id, binB.id, {}, 4, {}, {}});
    ASSERT_EQ(transfer.lines.size(), 2);
    EXPECT_EQ(transfer.lines.at(0).id, transfer.lines.at(1).id);
    EXPECT_EQ(transfer.lines.at(0).index, 0);
    EXPECT_EQ(transfer.lines.at(1).index, 1);
    EXPECT_EQ(transfer.lines.at(0).delta, -4);
    EXPECT_EQ(transfer.lines.at(1).delta, 4);
    EXPECT_EQ(transfer.lines.at(0).deviceSeq, transfer.lines.at(1).deviceSeq);
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
    EXPECT_EQ(quantity(widget.id, binB.id), 4);
}

TEST_F(MovementServiceTest, FailedTransferLineWritesNothing)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    ASSERT_TRUE(masterData->editLocation(manager, {binB.id, binB.version, {}, {}, true}));
    auto transfer = movements->post(clerk,
                                    TransferStock{widget.id, binA.id, binB.id, {}, 4, {}, {}});
    ASSERT_FALSE(transfer);
    EXPECT_THAT(transfer.error().message.toStdString(), HasSubstr("archived"));
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->movementsChecked, 1);
}

TEST_F(MovementServiceTest, TransferToTheSameLocationIsRefused)
{
    auto transfer = movements->post(clerk,
                                    TransferStock{widget.id, binA.id, binA.id, {}, 1, {}, {}});
    ASSERT_FALSE(transfer);
    EXPECT_EQ(transfer.error().code, ErrorCode::InvalidInput);
}

TEST_F(MovementServiceTest, CountAdjustsAgainstTheStockItWasCountedOn)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    // The clerk sees 10 and starts counting; meanwhile 3 are picked elsewhere.
    post(IssueStock{widget.id, binA.id, {}, 3, {}, {}});
    // The clerk found 9 of the 10 they were counting against: 1 is missing.
    const PostedMovement count = post(CountStock{widget.id, binA.id, {}, 9, 10, {}, {}});
    EXPECT_EQ(count.lines.first().type, MovementType::Count);
    EXPECT_EQ(count.lines.first().delta, -1);
    EXPECT_EQ(count.lines.first().counted, 9);
    EXPECT_EQ(quantity(widget.id, binA.id), 6); // the pick is not wiped out
}

TEST_F(MovementServiceTest, CountWithoutBaseUsesCurrentStock)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    const PostedMovement count = post(CountStock{widget.id, binA.id, {}, 12, {}, {}, {}});
    EXPECT_EQ(count.lines.first().delta, 2);
    EXPECT_EQ(quantity(widget.id, binA.id), 12);
}

TEST_F(MovementServiceTest, CountConfirmingStockIsRecordedWithZeroDelta)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    const PostedMovement count = post(CountStock{widget.id, binA.id, {}, 10, {}, {}, {}});
    EXPECT_EQ(count.lines.first().delta, 0);
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
}

TEST_F(MovementServiceTest, NegativeCountIsRefused)
{
    auto count = movements->post(clerk, CountStock{widget.id, binA.id, {}, -1, {}, {}, {}});
    ASSERT_FALSE(count);
    EXPECT_EQ(count.error().code, ErrorCode::InvalidInput);
}

TEST_F(MovementServiceTest, LotTrackedProductNeedsALot)
{
    auto receipt = movements->post(clerk, ReceiveStock{medicine.id, binA.id, {}, {}, 5, {}, {}});
    ASSERT_FALSE(receipt);
    EXPECT_THAT(receipt.error().message.toStdString(), HasSubstr("tracked by lot"));
}

TEST_F(MovementServiceTest, ProductWithoutLotsRefusesALot)
{
    auto receipt
        = movements->post(clerk,
                          ReceiveStock{widget.id, binA.id, QStringLiteral("L1"), {}, 5, {}, {}});
    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.error().code, ErrorCode::InvalidInput);
}

TEST_F(MovementServiceTest, ReceiptCreatesTheLotWithItsExpiry)
{
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), QDate(2027, 5, 31), 5, {}, {}});
    auto lot = catalog->lot(medicine.id, QStringLiteral("L1"));
    ASSERT_TRUE(lot && *lot);
    EXPECT_EQ((*lot)->expiry, QDate(2027, 5, 31));
    EXPECT_EQ(quantity(medicine.id, binA.id, (*lot)->id), 5);

    auto otherExpiry = movements->post(
        clerk,
        ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), QDate(2028, 1, 1), 5, {}, {}});
    ASSERT_FALSE(otherExpiry);
    EXPECT_THAT(otherExpiry.error().message.toStdString(),
                HasSubstr("already expires on 2027-05-31"));
}

TEST_F(MovementServiceTest, IssueOfAnUnknownLotIsRefused)
{
    auto issue = movements->post(clerk,
                                 IssueStock{medicine.id, binA.id, QStringLiteral("NOPE"), 1, {}, {}});
    ASSERT_FALSE(issue);
    EXPECT_EQ(issue.error().code, ErrorCode::NotFound);
}

TEST_F(MovementServiceTest, ArchivedProductCannotMove)
{
    ASSERT_TRUE(masterData->editProduct(manager, {widget.id, widget.version, {}, {}, {}, true}));
    auto receipt = movements->post(clerk, ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    ASSERT_FALSE(receipt);
    EXPECT_THAT(receipt.error().message.toStdString(), HasSubstr("archived"));
}

TEST_F(MovementServiceTest, UnknownProductOrLocationIsRefused)
{
    auto product = movements->post(clerk, ReceiveStock{9999, binA.id, {}, {}, 1, {}, {}});
    ASSERT_FALSE(product);
    EXPECT_EQ(product.error().code, ErrorCode::NotFound);
    auto location = movements->post(clerk, ReceiveStock{widget.id, 9999, {}, {}, 1, {}, {}});
    ASSERT_FALSE(location);
    EXPECT_EQ(location.error().code, ErrorCode::NotFound);
}

TEST_F(MovementServiceTest, SignalsFollowTheCommitOnly)
{
    QSignalSpy recorded(ledger.get(), &StockLedger::movementRecorded);
    QSignalSpy changed(ledger.get(), &StockLedger::stockChanged);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    EXPECT_EQ(recorded.count(), 1);
    EXPECT_EQ(changed.count(), 1);

    (void) movements->post(clerk, IssueStock{widget.id, binA.id, {}, 50, {}, {}});
    EXPECT_EQ(recorded.count(), 1);

    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
        EXPECT_EQ(recorded.count(), 1); // not yet committed
        // rolled back on scope exit
    }
    EXPECT_EQ(recorded.count(), 1);
    EXPECT_EQ(quantity(widget.id, binA.id), 2);
}

TEST_F(MovementServiceTest, ScannedBarcodeResolvesOrSaysUnknown)
{
    auto found = catalog->findProduct(QStringLiteral("4006381333931"));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, widget.id);
    auto bySku = catalog->findProduct(QStringLiteral("M-200"));
    ASSERT_TRUE(bySku);
    EXPECT_EQ(bySku->id, medicine.id);
    auto unknown = catalog->findProduct(QStringLiteral("5901234123457"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::UnknownBarcode);
    EXPECT_EQ(unknown.error().message, QStringLiteral("Unknown barcode 5901234123457"));
    auto location = catalog->findLocation(QStringLiteral("LOC-A-02"));
    ASSERT_TRUE(location);
    EXPECT_EQ(location->id, binB.id);
}

} // namespace
} // namespace Stockroom

namespace Stockroom {
namespace {

class ReverseTest : public Test::StockFixture
{};

TEST_F(ReverseTest, AManagerReversesAMovementOnceWithAReason)
{
    const PostedMovement receipt = post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    auto refused = movements->reverse(clerk, receipt.id, QStringLiteral("typo"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
    auto silent = movements->reverse(manager, receipt.id, QStringLiteral("  "));
    ASSERT_FALSE(silent);
    EXPECT_EQ(silent.error().code, ErrorCode::InvalidInput);

    auto reversed = movements->reverse(manager, receipt.id, QStringLiteral("scanned twice"));
    ASSERT_TRUE(reversed) << reversed.error().message.toStdString();
    EXPECT_EQ(reversed->lines.at(0).type, MovementType::Adjustment);
    EXPECT_EQ(reversed->lines.at(0).delta, -10);
    EXPECT_EQ(reversed->lines.at(0).reason, QStringLiteral("scanned twice"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);

    auto again = movements->reverse(manager, receipt.id, QStringLiteral("scanned twice"));
    ASSERT_FALSE(again);
    EXPECT_THAT(again.error().message.toStdString(), testing::HasSubstr("reversed already"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

TEST_F(ReverseTest, ATransferGoesBackAndAnUnknownMovementIsSaidSo)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    const PostedMovement moved = post(TransferStock{widget.id, binA.id, binB.id, {}, 4, {}, {}});
    ASSERT_TRUE(movements->reverse(manager, moved.id, QStringLiteral("wrong bin")));
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
    EXPECT_EQ(quantity(widget.id, binB.id), 0);

    auto unknown = movements->reverse(manager, QStringLiteral("no-such-id"), QStringLiteral("x"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

} // namespace
} // namespace Stockroom
