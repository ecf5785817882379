// CSV import's reading of a file on any bytes: RFC 4180 parsing, and the promise that an
// export imports as it was: a document read, written again field by field and read once
// more, gives the same records.

#include "fuzzcheck.h"
#include "model/io/csv.h"

#include <cstddef>
#include <cstdint>

using namespace Stockroom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto records = Csv::parse(text);
    if (!records) {
        FUZZ_CHECK(!records.error().message.isEmpty());
        return 0;
    }
    QString written;
    for (const CsvRecord &record : *records)
        written += Csv::formatRecord(record.fields) + QStringLiteral("\r\n");
    const auto again = Csv::parse(written);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->size() == records->size());
    for (qsizetype i = 0; i < records->size(); ++i)
        FUZZ_CHECK(again->at(i).fields == records->at(i).fields);
    return 0;
}
