// Every operation a push carries, through its one encoder and decoder: a movement
// (MovementMessage) and the master-data changes (model/domain/changes.h). Each round-trips
// through bytes, is written with the keys in the order release 0.1.0 wrote them, and a body
// that does not read is refused with a reason that names what is wrong.

#include "sync/protocol/movementmessage.h"

#include "model/domain/changes.h"

#include "tests/support/printers.h"

#include <QCborArray>

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

template<typename Change>
Change throughBytes(const Change &change)
{
    const QCborMap body = QCborValue::fromCbor(QCborValue(change.toCbor()).toCbor()).toMap();
    auto decoded = Change::fromCbor(body);
    EXPECT_TRUE(decoded) << decoded.error().toStdString();
    return decoded.value_or(Change{});
}

ProductCreated created()
{
    return {QStringLiteral("p-uuid"),
            {QStringLiteral("SKU-1"),
             QStringLiteral("Widget"),
             QStringLiteral("위젯"),
             QStringLiteral("BOX"),
             true,
             {QStringLiteral("4006381333931"), QStringLiteral("W-1")}}};
}

ProductEdited edited()
{
    return {QStringLiteral("p-uuid"),
            3,
            {{QStringLiteral("name"), QStringLiteral("Widget"), QStringLiteral("Widget XL")},
             {QStringLiteral("archived"), false, true}}};
}

ThresholdSet thresholdSet()
{
    return {QStringLiteral("p-uuid"),
            QStringLiteral("w-uuid"),
            2,
            {5, 50, 10},
            {6, std::nullopt, 10}};
}

TEST(OperationsTest, EveryOperationRoundTripsThroughBytes)
{
    MovementMessage transfer;
    transfer.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1182");
    transfer.type = MovementType::Transfer;
    transfer.deviceSeq = 9;
    transfer.at = 1764547200000;
    transfer.lines = {{0, QStringLiteral("p"), QStringLiteral("from"), -3, {}, {}, std::nullopt, 0},
                      {0, QStringLiteral("p"), QStringLiteral("to"), 3, {}, {}, std::nullopt, 0}};
    const QCborMap body = QCborValue::fromCbor(
                              QCborValue(transfer.toCbor(MovementMessage::Form::Pushed)).toCbor())
                              .toMap();
    EXPECT_EQ(MovementMessage::fromCbor(body, MovementMessage::Form::Pushed), transfer);

    EXPECT_EQ(throughBytes(created()), created());
    EXPECT_EQ(throughBytes(edited()), edited());
    EXPECT_EQ(throughBytes(BarcodeLinked{QStringLiteral("p-uuid"), QStringLiteral("W-2")}),
              (BarcodeLinked{QStringLiteral("p-uuid"), QStringLiteral("W-2")}));
    EXPECT_EQ(throughBytes(thresholdSet()), thresholdSet());
    ThresholdSet overAll = thresholdSet();
    overAll.warehouse.clear();
    overAll.baseVersion = 0;
    overAll.base = {};
    EXPECT_EQ(throughBytes(overAll), overAll);
    for (const ConflictChoice choice : {ConflictChoice::Theirs, ConflictChoice::Mine}) {
        const ConflictResolved decision{QStringLiteral("c-uuid"), choice};
        EXPECT_EQ(throughBytes(decision), decision);
    }
}

// The bodies as release 0.1.0's MasterDataService, ConflictService and REST API wrote them
// by hand: the same bytes.
TEST(OperationsTest, BodiesAreTheBytesRelease010Wrote)
{
    const auto bytes = [](const QCborMap &map) {
        return QCborValue(map).toCbor();
    };
    EXPECT_EQ(bytes(created().toCbor()),
              bytes({{QStringLiteral("uuid"), QStringLiteral("p-uuid")},
                     {QStringLiteral("sku"), QStringLiteral("SKU-1")},
                     {QStringLiteral("name"), QStringLiteral("Widget")},
                     {QStringLiteral("localName"), QStringLiteral("위젯")},
                     {QStringLiteral("unit"), QStringLiteral("BOX")},
                     {QStringLiteral("lotTracked"), true},
                     {QStringLiteral("barcodes"),
                      QCborArray{QStringLiteral("4006381333931"), QStringLiteral("W-1")}}}));
    EXPECT_EQ(bytes(edited().toCbor()),
              bytes({{QStringLiteral("uuid"), QStringLiteral("p-uuid")},
                     {QStringLiteral("base"),
                      QCborMap{{QStringLiteral("version"), 3},
                               {QStringLiteral("name"), QStringLiteral("Widget")},
                               {QStringLiteral("archived"), false}}},
                     {QStringLiteral("set"),
                      QCborMap{{QStringLiteral("name"), QStringLiteral("Widget XL")},
                               {QStringLiteral("archived"), true}}}}));
    EXPECT_EQ(bytes(BarcodeLinked{QStringLiteral("p-uuid"), QStringLiteral("W-2")}.toCbor()),
              bytes({{QStringLiteral("uuid"), QStringLiteral("p-uuid")},
                     {QStringLiteral("code"), QStringLiteral("W-2")}}));
    ThresholdSet overAll = thresholdSet();
    overAll.warehouse.clear();
    EXPECT_EQ(bytes(overAll.toCbor()),
              bytes({{QStringLiteral("product"), QStringLiteral("p-uuid")},
                     {QStringLiteral("warehouse"), QCborValue(nullptr)},
                     {QStringLiteral("base"),
                      QCborMap{{QStringLiteral("version"), 2},
                               {QStringLiteral("min"), 5},
                               {QStringLiteral("max"), 50},
                               {QStringLiteral("reorder"), 10}}},
                     {QStringLiteral("set"),
                      QCborMap{{QStringLiteral("min"), 6},
                               {QStringLiteral("max"), QCborValue(nullptr)},
                               {QStringLiteral("reorder"), 10}}}}));
    EXPECT_EQ(bytes(ConflictResolved{QStringLiteral("c-uuid"), ConflictChoice::Mine}.toCbor()),
              bytes({{QStringLiteral("conflict"), QStringLiteral("c-uuid")},
                     {QStringLiteral("choice"), QStringLiteral("mine")}}));
}

TEST(OperationsTest, WhatWasOptionalInRelease010StaysOptional)
{
    // An older or a hand-written product.create may leave out what has a default.
    auto minimal = ProductCreated::fromCbor({{QStringLiteral("uuid"), QStringLiteral("p")},
                                             {QStringLiteral("sku"), QStringLiteral("S")},
                                             {QStringLiteral("name"), QStringLiteral("N")}});
    ASSERT_TRUE(minimal);
    EXPECT_EQ(minimal->product.unit, QStringLiteral("EA"));
    EXPECT_FALSE(minimal->product.lotTracked);
    EXPECT_TRUE(minimal->product.barcodes.isEmpty());
}

TEST(OperationsTest, ABodyThatDoesNotReadIsRefusedByName)
{
    const auto refusedFor = [](auto decoded, const char *name) {
        ASSERT_FALSE(decoded);
        EXPECT_TRUE(decoded.error().contains(QLatin1String(name))) << decoded.error().toStdString();
    };
    QCborMap body = created().toCbor();
    body.insert(QStringLiteral("sku"), 12);
    refusedFor(ProductCreated::fromCbor(body), "\"sku\"");
    body = created().toCbor();
    body.insert(QStringLiteral("barcodes"), QCborArray{1});
    refusedFor(ProductCreated::fromCbor(body), "barcodes");

    body = edited().toCbor();
    body.insert(QStringLiteral("set"), QStringLiteral("name=x"));
    refusedFor(ProductEdited::fromCbor(body), "\"set\"");
    body = edited().toCbor();
    body.remove(QStringLiteral("base"));
    refusedFor(ProductEdited::fromCbor(body), "\"base\"");

    refusedFor(BarcodeLinked::fromCbor({{QStringLiteral("uuid"), QStringLiteral("p")}}), "\"code\"");

    body = thresholdSet().toCbor();
    body.insert(QStringLiteral("set"), QCborMap{{QStringLiteral("min"), QStringLiteral("5")}});
    refusedFor(ThresholdSet::fromCbor(body), "\"min\"");
    body = thresholdSet().toCbor();
    body.insert(QStringLiteral("warehouse"), 7);
    refusedFor(ThresholdSet::fromCbor(body), "warehouse");

    refusedFor(ConflictResolved::fromCbor({{QStringLiteral("conflict"), QStringLiteral("c")},
                                           {QStringLiteral("choice"), QStringLiteral("both")}}),
               "\"theirs\" or \"mine\"");
}

} // namespace
} // namespace Stockroom::Sync
