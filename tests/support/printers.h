#pragma once

// GoogleTest printers, so that failed assertions on Qt and Stockroom values read well.

#include "model/domain/error.h"

#include <QString>
#include <QVariant>

#include <ostream>

QT_BEGIN_NAMESPACE
void PrintTo(const QString &value, std::ostream *os);
void PrintTo(const QVariant &value, std::ostream *os);
QT_END_NAMESPACE

namespace Stockroom {
void PrintTo(const Error &error, std::ostream *os);
void PrintTo(ErrorCode code, std::ostream *os);
// So that an assertion can say why a Result failed: ASSERT_TRUE(r) << r.error();
std::ostream &operator<<(std::ostream &os, const Error &error);
} // namespace Stockroom
