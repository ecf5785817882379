#pragma once

// The pages of a PDF file as the tests see them: -1 when the file cannot be read or is no
// PDF, else the number of page objects in it.

#include <QString>

namespace Stockroom::Test {

int pdfPages(const QString &path);

} // namespace Stockroom::Test
