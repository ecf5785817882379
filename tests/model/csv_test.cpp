// RFC 4180 parsing, and CSV import and export through the commands.

#include "tests/support/stockfixture.h"

#include "model/io/csv.h"
#include "model/io/csvexporter.h"
#include "model/io/csvimporter.h"

#include <QBuffer>
#include <QFile>

namespace Stockroom {
namespace {

using testing::HasSubstr;

TEST(Csv, ParsesQuotesCommasAndLineBreaks)
{
    auto records = Csv::parse(
        QStringLiteral("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n"));
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 3);
    EXPECT_EQ(records->at(1).fields,
              QStringList({QStringLiteral("x, y"),
                           QStringLiteral("say \"hi\""),
                           QStringLiteral("two\nlines")}));
    EXPECT_EQ(records->at(1).line, 2);
    EXPECT_EQ(records->at(2).line, 5); // the quoted line break counts
    EXPECT_EQ(records->at(2).fields, QStringList({QStringLiteral("last"), QString(), QString()}));
}

TEST(Csv, UnterminatedQuoteNamesItsLine)
{
    auto records = Csv::parse(QStringLiteral("a,b\n1,\"open\n2,3\n"));
    ASSERT_FALSE(records);
    EXPECT_EQ(records.error().message, QStringLiteral("Line 2: a quoted field is never closed."));
}

TEST(Csv, TextAfterAClosingQuoteIsAnError)
{
    auto records = Csv::parse(QStringLiteral("a,b\n\"x\"y,2\n"));
    ASSERT_FALSE(records);
    EXPECT_THAT(records.error().message.toStdString(), HasSubstr("Line 2, column 1"));
}

TEST(Csv, FormatsOnlyWhatNeedsQuotes)
{
    EXPECT_EQ(Csv::formatRecord({QStringLiteral("plain"),
                                 QStringLiteral("a,b"),
                                 QStringLiteral("q\"q"),
                                 QString()}),
              QStringLiteral("plain,\"a,b\",\"q\"\"q\",\r\n"));
}

TEST(Csv, ARecordOfOneEmptyFieldIsWrittenSoThatItIsReadBack)
{
    // An empty line is skipped on reading; found by the CSV fuzz harness.
    EXPECT_EQ(Csv::formatRecord({QString()}), QStringLiteral("\"\"\r\n"));
    const QString text = Csv::formatRecord({QStringLiteral("a")}) + Csv::formatRecord({QString()})
                         + Csv::formatRecord({QString(), QString()});
    const auto records = Csv::parse(text);
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 3);
    EXPECT_EQ(records->at(1).fields, QStringList{QString()});
    EXPECT_EQ(records->at(2).fields, (QStringList{QString(), QString()}));
}

TEST(Csv, TextThatASpreadsheetWouldRunIsWrittenAsTextAndReadBackAsItWas)
{
    const QStringList fields{QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"),
                             QStringLiteral("+cmd"),
                             QStringLiteral("-2+3"),
                             QStringLiteral("@SUM(A1:A2)"),
                             QStringLiteral("\tx"),
                             QStringLiteral("-5"),
                             QStringLiteral("+3"),
                             QStringLiteral("-2.50"),
                             QStringLiteral("-"),
                             QStringLiteral("a=b")};
    const QString line = Csv::formatRecord(fields);
    EXPECT_EQ(line,
              QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd,'-2+3,"
                             "'@SUM(A1:A2),'\tx,-5,+3,-2.50,'-,a=b\r\n"));
    auto records = Csv::parse(line);
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 1);
    EXPECT_EQ(records->first().fields, fields);
}

class CsvImportTest : public Stockroom::Test::StockFixture
{
protected:
    Result<int> import(CsvTable table, const QString &text)
    {
        CsvImporter importer(*db, *masterData, *movements);
        return importer.import(manager, table, text);
    }
    QString readData(const QString &relative)
    {
        QFile file(QStringLiteral(STOCKROOM_TEST_DATA_DIR "/") + relative);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << relative.toStdString();
        return QString::fromUtf8(file.readAll());
    }
};

TEST_F(CsvImportTest, ImportsProductsLocationsAndOpeningStock)
{
    ASSERT_TRUE(import(CsvTable::Products, readData(QStringLiteral("csv-import/products.csv"))));
    ASSERT_TRUE(import(CsvTable::Locations, readData(QStringLiteral("csv-import/locations.csv"))));
    auto stock = import(CsvTable::Stock, readData(QStringLiteral("csv-import/stock.csv")));
    ASSERT_TRUE(stock) << stock.error().message.toStdString();
    EXPECT_EQ(*stock, 3);

    QBuffer out;
    out.open(QIODevice::WriteOnly);
    ASSERT_TRUE(CsvExporter(*db).write(CsvTable::Stock, out));
    EXPECT_EQ(QString::fromUtf8(out.data()),
              readData(QStringLiteral("csv-import/expected-stock.csv")));
}

TEST_F(CsvImportTest, BadRowIsReportedByLineAndColumnAndNothingIsImported)
{
    auto result = import(CsvTable::Products, readData(QStringLiteral("csv-errors/products.csv")));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message,
              QStringLiteral(
                  "Line 3, column barcodes: The check digit of 4006381333932 is wrong: it should "
                  "be 1. (and 2 more; nothing was imported)"));
    EXPECT_FALSE(catalog->productBySku(QStringLiteral("OK-1")))
        << "the good row before it is rolled back too";
}

TEST_F(CsvImportTest, ACancelledImportImportsNothing)
{
    CsvImporter importer(*db, *masterData, *movements);
    int seen = 0;
    auto cancelled = importer.import(manager,
                                     CsvTable::Products,
                                     QStringLiteral("sku,name\nP-1,One\nP-2,Two\n"),
                                     [&seen](int done, int) {
                                         seen = done;
                                         return false;
                                     });
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(seen, 2);
    EXPECT_FALSE(catalog->productBySku(QStringLiteral("P-1")));
}

TEST_F(CsvImportTest, StockErrorsNameTheColumn)
{
    const struct
    {
        const char *row;
        const char *expected;
    } cases[] = {
        {"NOPE,A-01,,,1", "Line 2, column sku: Unknown barcode or SKU NOPE"},
        {"W-100,Z-99,,,1", "Line 2, column location: Unknown location Z-99"},
        {"W-100,A-01,,,-4", "Line 2, column quantity"},
        {"W-100,A-01,,,lots", "Line 2, column quantity"},
        {"M-200,A-01,,,1", "Line 2, column lot"},
        {"M-200,A-01,L1,31/12/2027,1", "Line 2, column expiry"},
        {"W-100,A-01,,,1,extra", "Line 2: 6 fields where the header has 5"},
    };
    for (const auto &c : cases) {
        auto result = import(CsvTable::Stock,
                             QStringLiteral("sku,location,lot,expiry,quantity\n")
                                 + QString::fromUtf8(c.row));
        ASSERT_FALSE(result) << c.row;
        EXPECT_THAT(result.error().message.toStdString(), HasSubstr(c.expected)) << c.row;
    }
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

TEST_F(CsvImportTest, UnknownOrMissingColumnsAreRefused)
{
    auto unknown = import(CsvTable::Products, QStringLiteral("sku,name,colour\nA,B,red\n"));
    ASSERT_FALSE(unknown);
    EXPECT_THAT(unknown.error().message.toStdString(),
                HasSubstr("Line 1, column 3: unknown column \"colour\""));
    auto missing = import(CsvTable::Stock, QStringLiteral("sku,location\nW-100,A-01\n"));
    ASSERT_FALSE(missing);
    EXPECT_THAT(missing.error().message.toStdString(), HasSubstr("\"quantity\" is missing"));
    auto empty = import(CsvTable::Stock, QString());
    ASSERT_FALSE(empty);
}

TEST_F(CsvImportTest, ClerkCannotImportProducts)
{
    CsvImporter importer(*db, *masterData, *movements);
    auto result = importer.import(clerk,
                                  CsvTable::Products,
                                  QStringLiteral("sku,name\nX-1,Thing\n"));
    ASSERT_FALSE(result);
    EXPECT_THAT(result.error().message.toStdString(), HasSubstr("may not edit products"));
}

} // namespace
} // namespace Stockroom
