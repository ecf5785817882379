#include "tests/support/testbackend.h"

#include <QCoreApplication>

#include <gmock/gmock.h>

namespace {

// Under STOCKROOM_TEST_BACKEND=postgresql without a cluster, every test is skipped, and says
// why.
class PostgresEnvironment : public testing::Environment
{
public:
    void SetUp() override
    {
        const QString reason = Stockroom::Test::TestBackend::unavailableReason();
        if (!reason.isEmpty())
            GTEST_SKIP() << "PostgreSQL is not available: " << reason.toStdString();
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    testing::InitGoogleMock(&argc, argv);
    testing::AddGlobalTestEnvironment(new PostgresEnvironment);
    return RUN_ALL_TESTS();
}
