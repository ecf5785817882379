// Labels read back by a real barcode reader (zbarimg): what is printed is what a scanner
// will read.

#include "tests/support/pdfpages.h"
#include "tests/support/stockfixture.h"

#include "model/domain/gs1.h"
#include "model/services/scanresolver.h"
#include "views/labeldialog.h"
#include "views/labelsheet.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Stockroom::Views {
namespace {

class LabelSheetTest : public Test::StockFixture
{
protected:
    // What zbarimg reads in the label, as "SYMBOLOGY:data", or the reason it could not.
    QString readBack(const Label &label)
    {
        auto image = LabelSheet::image(label, QSize(700, 370));
        if (!image)
            return QStringLiteral("no image: ") + image.error().message;
        const QString path = dir.filePath(QStringLiteral("label.png"));
        if (!image->save(path))
            return QStringLiteral("cannot save the image");
        QProcess zbar;
        zbar.start(reader, {QStringLiteral("--quiet"), path});
        if (!zbar.waitForFinished(10000))
            return QStringLiteral("zbarimg did not finish");
        return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
    }
    void SetUp() override
    {
        StockFixture::SetUp();
        reader = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
        if (reader.isEmpty())
            GTEST_SKIP() << "zbarimg (Debian: zbar-tools) is not installed; make deps installs it";
    }

    QTemporaryDir dir;
    QString reader;
};

TEST_F(LabelSheetTest, AProductLabelCarriesItsEan13)
{
    auto label = LabelSheet::forProduct(*catalog->product(widget.id));
    ASSERT_TRUE(label) << label.error();
    EXPECT_EQ(label->code, Label::Code::Ean13);
    EXPECT_EQ(readBack(*label), QStringLiteral("EAN-13:4006381333931"));
}

TEST_F(LabelSheetTest, AGs1LabelScansBackToProductLotExpiryAndCount)
{
    const Product product = *catalog->product(widget.id);
    auto label = LabelSheet::forProduct(product, QStringLiteral("B-7781"), QDate(2027, 3, 31), 24);
    ASSERT_TRUE(label) << label.error();
    EXPECT_EQ(label->data, QStringLiteral("(01)04006381333931(17)270331(10)B-7781(37)24"));
    const QString read = readBack(*label);
    ASSERT_TRUE(read.startsWith(QStringLiteral("CODE-128:"))) << read.toStdString();
    // The clerk's scanner sends the same data: it must resolve as the scan pipeline does.
    auto scanned = ScanResolver(*catalog).resolve(read.section(QLatin1Char(':'), 1),
                                                  QDate(2026, 11, 24));
    ASSERT_TRUE(scanned) << scanned.error();
    EXPECT_EQ(scanned->product->id, widget.id);
    EXPECT_EQ(scanned->lot, QStringLiteral("B-7781"));
    EXPECT_EQ(scanned->expiry, QDate(2027, 3, 31));
    EXPECT_EQ(scanned->quantity, 24);
}

TEST_F(LabelSheetTest, ALocationLabelCarriesItsBarcodeAndAProductWithoutGtinHasNoGs1Label)
{
    EXPECT_EQ(readBack(LabelSheet::forLocation(binA)), QStringLiteral("CODE-128:LOC-A-01"));
    Product noGtin = *catalog->product(widget.id);
    noGtin.barcodes.clear();
    auto sku = LabelSheet::forProduct(noGtin);
    ASSERT_TRUE(sku);
    EXPECT_EQ(readBack(*sku), QStringLiteral("CODE-128:W-100"));
    auto gs1 = LabelSheet::forProduct(noGtin, QStringLiteral("L1"));
    ASSERT_FALSE(gs1);
    EXPECT_EQ(gs1.error().message,
              QStringLiteral(
                  "W-100 has no EAN or UPC barcode, so it has no GTIN for a GS1 label."));
    // A code zint refuses is said, not drawn.
    auto bad = LabelSheet::image({Label::Code::Ean13, QStringLiteral("12AB"), {}, {}},
                                 QSize(300, 150));
    ASSERT_FALSE(bad);
    EXPECT_THAT(bad.error().message.toStdString(), testing::HasSubstr("cannot be printed"));
}

TEST_F(LabelSheetTest, ThirtyLabelsFillTwoSheetsOfAPdf)
{
    QList<Label> labels;
    for (int i = 0; i < 30; ++i)
        labels.append(LabelSheet::forLocation(binB));
    const QString path = dir.filePath(QStringLiteral("labels.pdf"));
    ASSERT_TRUE(LabelSheet::writePdf(path, labels));
    EXPECT_EQ(Stockroom::Test::pdfPages(path), 2);
}

TEST_F(LabelSheetTest, TheLabelDialogMakesCopiesOfAGs1LabelAndSavesThem)
{
    LabelDialog dialog(*catalog->product(widget.id), clock.today());
    dialog.copiesField()->setValue(5);
    dialog.lotField()->setText(QStringLiteral("B-7781"));
    dialog.expiresField()->setChecked(true);
    dialog.expiryField()->setDate(QDate(2027, 3, 31));
    auto labels = dialog.labels();
    ASSERT_TRUE(labels) << labels.error();
    ASSERT_EQ(labels->size(), 5);
    EXPECT_EQ(labels->first().data, QStringLiteral("(01)04006381333931(17)270331(10)B-7781"));
    const QString path = dir.filePath(QStringLiteral("widget.pdf"));
    ASSERT_TRUE(dialog.savePdf(path));
    EXPECT_TRUE(QFile::exists(path));
    // A lot no GS1 label can carry (over 20 characters) is said before anything prints.
    dialog.lotField()->setText(QStringLiteral("A-LOT-CODE-FAR-TOO-LONG-FOR-GS1"));
    EXPECT_FALSE(dialog.labels() && LabelSheet::image(dialog.labels()->first(), {300, 150}));
    EXPECT_FALSE(dialog.message().isEmpty());
}

} // namespace
} // namespace Stockroom::Views
