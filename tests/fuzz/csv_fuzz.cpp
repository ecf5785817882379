// CSV import's reading of a file on any bytes: RFC 4180 parsing, and the promise that an
// export imports as it was: a document read, written again field by field and read once
// more, gives the same records.

#include "model/io/csv.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Stockroom;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto records = Csv::parse(text);
    if (!records) {
        check(!records.error().message.isEmpty());
        return 0;
    }
    QString written;
    for (const CsvRecord &record : *records)
        written += Csv::formatRecord(record.fields) + QStringLiteral("\r\n");
    const auto again = Csv::parse(written);
    check(again.has_value());
    check(again->size() == records->size());
    for (qsizetype i = 0; i < records->size(); ++i)
        check(again->at(i).fields == records->at(i).fields);
    return 0;
}
