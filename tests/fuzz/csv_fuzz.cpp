// CSV import's reading of a file on any bytes: RFC 4180 parsing, and the promise that an
// export imports as it was: a document read, written again field by field and read once
// more, gives the same records.

#include "model/io/csv.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Stockroom;

namespace {

// A broken property says which line it is on, then stops the run (libFuzzer keeps the input).
void checkAt(bool condition, int line)
{
    if (!condition) {
        std::fprintf(stderr, "property broken: %s:%d\n", __FILE__, line);
        std::abort();
    }
}

#define check(condition) checkAt((condition), __LINE__)

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
