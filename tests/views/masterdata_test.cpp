// Master data in the window: products, thresholds, locations, barcodes, labels, import, users.
// On real widgets (offscreen), over a real database (WindowFixture).

#include "windowfixture.h"

namespace Stockroom::Views {
namespace {

using MasterDataTest = WindowFixture;

TEST_F(MasterDataTest, AManagerEditsAProductAndUndoesAndRedoesIt)
{
    ProductsView *view = window->productsView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(windowFor(clerk)->productsView(), nullptr);
    view->open(widget.id);
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Widget"));
    view->nameField()->setText(QStringLiteral("Widget, blue"));
    view->unitField()->setText(QStringLiteral("BOX"));
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));

    // Validation is the model's: an empty name is refused and nothing is written.
    view->nameField()->setText(QStringLiteral("  "));
    EXPECT_FALSE(view->save());
    EXPECT_FALSE(view->message().isEmpty());
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));

    view->undoStack()->undo();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget"));
    EXPECT_EQ(catalog->product(widget.id)->unit, QStringLiteral("EA"));
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Widget")); // the form follows
    view->undoStack()->redo();
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, blue"));
    // Each step was an audited edit, never a rewrite.
    EXPECT_GE(AuditLog(*db).history(QStringLiteral("product"), widget.id)->size(), 6);
}

TEST_F(MasterDataTest, AStaleEditOpensTheConflictDialogWithBothSides)
{
    ProductsView *view = window->productsView();
    view->open(widget.id);
    // Someone else renames it after the form was opened.
    const Product now = *catalog->product(widget.id);
    ASSERT_TRUE(
        masterData->editProduct(manager,
                                {widget.id, now.version, QStringLiteral("Gadget"), {}, {}, {}}));
    view->nameField()->setText(QStringLiteral("Widget, red"));

    // The real dialog: read it, then keep mine.
    QStringList seen;
    QTimer::singleShot(0, window.get(), [&seen] {
        auto *dialog = qobject_cast<ConflictDialog *>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        for (int row = 0; row < dialog->table()->rowCount(); ++row) {
            for (int column = 0; column < 3; ++column)
                seen.append(dialog->table()->item(row, column)->text());
        }
        dialog->choose(ConflictDialog::KeepMine);
    });
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("Widget, red")));
    EXPECT_TRUE(seen.contains(QStringLiteral("Gadget")));
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Widget, red"));

    // Again, and this time take theirs: nothing of mine is written.
    ASSERT_TRUE(masterData->editProduct(
        manager,
        {widget.id, catalog->product(widget.id)->version, QStringLiteral("Gizmo"), {}, {}, {}}));
    view->nameField()->setText(QStringLiteral("Widget, green"));
    view->setAskConflict([](const Error &) { return int(ConflictDialog::TakeTheirs); });
    EXPECT_FALSE(view->save());
    EXPECT_EQ(catalog->product(widget.id)->name, QStringLiteral("Gizmo"));
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Gizmo"));
}

TEST_F(MasterDataTest, ThresholdsAreValidatedSavedAndUndone)
{
    ProductsView *view = window->productsView();
    view->open(widget.id);
    EXPECT_EQ(view->minField()->value(), -1); // none yet
    view->minField()->setValue(50);
    view->maxField()->setValue(10);
    EXPECT_FALSE(view->saveThresholds());
    EXPECT_EQ(view->message(), QStringLiteral("The minimum cannot be above the maximum."));
    view->maxField()->setValue(500);
    ASSERT_TRUE(view->saveThresholds()) << view->message().toStdString();
    EXPECT_EQ(catalog->threshold(widget.id, 0)->value().minQty, 50);
    alerts->refresh();
    EXPECT_EQ(alerts->rowCount(), 1); // 15 on hand, below 50

    view->undoStack()->undo();
    auto undone = catalog->threshold(widget.id, 0);
    ASSERT_TRUE(undone);
    EXPECT_FALSE(undone->has_value() && (*undone)->minQty.has_value());
    EXPECT_EQ(view->minField()->value(), -1);
}

TEST_F(MasterDataTest, AManagerLinksAnUnknownBarcodeOnTheSpotAndTheScanCounts)
{
    window->tabs()->setCurrentWidget(window->scanPanel());
    ScanPanel *panel = window->scanPanel();
    window->handleScan(QStringLiteral("LOC-A-03"));
    window->handleScan(QStringLiteral("5901234123457"));
    EXPECT_EQ(panel->unknownCode(), QStringLiteral("5901234123457"));
    panel->linkUnknown(QStringLiteral("NO-SUCH-SKU"));
    EXPECT_FALSE(panel->lastScanCounted());
    panel->linkUnknown(QStringLiteral("W-100"));
    EXPECT_TRUE(panel->lastScanCounted()) << panel->message().toStdString();
    EXPECT_EQ(panel->message(), QStringLiteral("Widget × 1"));
    EXPECT_EQ(catalog->findProduct(QStringLiteral("5901234123457"))->id, widget.id);

    // A clerk is told the code is unknown, and is offered nothing to link.
    auto clerkWindow = windowFor(clerk);
    clerkWindow->tabs()->setCurrentWidget(clerkWindow->scanPanel());
    clerkWindow->handleScan(QStringLiteral("LOC-A-03"));
    clerkWindow->handleScan(QStringLiteral("4012345000009"));
    EXPECT_TRUE(clerkWindow->scanPanel()->unknownCode().isEmpty());
}

TEST_F(MasterDataTest, LocationLabelsCoverTheLocationAndEverythingUnderIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zone.pdf"));
    ASSERT_TRUE(window->writeLocationLabels(QStringLiteral("WH1-A"), path));
    EXPECT_TRUE(QFile::exists(path));
    auto under = catalog->locationsUnder(zone.id);
    ASSERT_TRUE(under) << under.error();
    EXPECT_EQ(under->size(), 4); // the zone and its three bins
    auto unknown = window->writeLocationLabels(QStringLiteral("NOWHERE"), path);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, QStringLiteral("Unknown location NOWHERE"));
}

TEST_F(MasterDataTest, AManagerEditsTheLocationTreeWithUndoAndBothSidesOnAConflict)
{
    LocationsView *view = window->locationsView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(windowFor(clerk)->locationsView(), nullptr);
    EXPECT_EQ(view->tree()->topLevelItemCount(), 1); // WH1, with its zone and bins inside
    ASSERT_EQ(view->tree()->topLevelItem(0)->childCount(), 1);
    EXPECT_EQ(view->tree()->topLevelItem(0)->child(0)->text(0), QStringLiteral("WH1-A"));
    EXPECT_EQ(view->tree()->topLevelItem(0)->child(0)->childCount(), 3);
    view->open(binA.id);
    view->nameField()->setText(QStringLiteral("Aisle A, first bin"));
    ASSERT_TRUE(view->save()) << view->message().toStdString();
    EXPECT_EQ(catalog->location(binA.id)->name, QStringLiteral("Aisle A, first bin"));
    view->undoStack()->undo();
    EXPECT_EQ(catalog->location(binA.id)->name, QStringLiteral("A-01"));

    // Someone renames it meanwhile; taking theirs shows theirs and writes nothing of mine.
    const Location now = *catalog->location(binA.id);
    ASSERT_TRUE(
        masterData->editLocation(manager,
                                 {binA.id, now.version, QStringLiteral("Cold room"), {}, {}}));
    view->nameField()->setText(QStringLiteral("Mine"));
    view->setAskConflict([](const Error &) { return int(ConflictDialog::TakeTheirs); });
    auto taken = view->save();
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::VersionConflict);
    EXPECT_EQ(view->nameField()->text(), QStringLiteral("Cold room"));

    // A bin goes inside a zone; nothing goes inside a bin.
    view->open(zone.id);
    ASSERT_TRUE(
        view->addChild(QStringLiteral("A-04"), QStringLiteral("A-04"), QStringLiteral("LOC-A-04")));
    EXPECT_EQ(catalog->findLocation(QStringLiteral("LOC-A-04"))->kind, LocationKind::Bin);
    view->open(binA.id);
    auto inBin = view->addChild(QStringLiteral("A-01-X"), QStringLiteral("x"), {});
    ASSERT_FALSE(inBin);
    EXPECT_EQ(view->message(), QStringLiteral("A bin cannot contain other locations."));
}

TEST_F(MasterDataTest, ImportingACsvIsAllOrNothingAndSaysWhereItFailed)
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.csv"));
    QFile out(good);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write("sku,name,unit\r\nP-1,Pallet wrap,ROLL\r\nP-2,Box cutter,EA\r\n");
    out.close();
    auto imported = window->importCsv(int(CsvTable::Products), good);
    ASSERT_TRUE(imported) << imported.error();
    EXPECT_EQ(*imported, 2);
    EXPECT_EQ(catalog->productBySku(QStringLiteral("P-2"))->name, QStringLiteral("Box cutter"));

    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    QFile wrong(bad);
    ASSERT_TRUE(wrong.open(QIODevice::WriteOnly));
    wrong.write("sku,name,unit\r\nP-3,Tape,EA\r\nP-1,Again,EA\r\n");
    wrong.close();
    auto refused = window->importCsv(int(CsvTable::Products), bad);
    ASSERT_FALSE(refused);
    EXPECT_THAT(refused.error().message.toStdString(), testing::HasSubstr("Line 3"));
    EXPECT_FALSE(catalog->productBySku(QStringLiteral("P-3"))); // nothing of it was kept
    EXPECT_FALSE(
        window->importCsv(int(CsvTable::Products), dir.filePath(QStringLiteral("none.csv"))));
}

TEST_F(MasterDataTest, AnAdminAddsAndDisablesUsersAndOnlyAnAdminSeesThem)
{
    EXPECT_EQ(window->usersView(), nullptr); // a manager
    auto adminWindow = windowFor(admin);
    UsersView *view = adminWindow->usersView();
    ASSERT_NE(view, nullptr);
    const int before = view->table()->rowCount();
    view->nameField()->setText(QStringLiteral("lee"));
    view->roleField()->setCurrentIndex(view->roleField()->findData(int(Role::Clerk)));
    view->passwordField()->setText(QStringLiteral("lee-password"));
    view->passwordAgainField()->setText(QStringLiteral("lee-pasword"));
    EXPECT_FALSE(view->addUser());
    EXPECT_EQ(view->message(), QStringLiteral("The two passwords differ."));
    view->passwordAgainField()->setText(QStringLiteral("lee-password"));
    ASSERT_TRUE(view->addUser()) << view->message().toStdString();
    EXPECT_EQ(view->table()->rowCount(), before + 1);
    EXPECT_TRUE(users->authenticate(QStringLiteral("lee"), QStringLiteral("lee-password")));

    for (int row = 0; row < view->table()->rowCount(); ++row) {
        if (view->table()->item(row, 0)->text() == QStringLiteral("lee"))
            view->table()->selectRow(row);
    }
    ASSERT_TRUE(view->toggleSelected()) << view->message().toStdString();
    EXPECT_EQ(view->message(), QStringLiteral("lee can no longer sign in."));
    EXPECT_FALSE(users->authenticate(QStringLiteral("lee"), QStringLiteral("lee-password")));
}

} // namespace
} // namespace Stockroom::Views
