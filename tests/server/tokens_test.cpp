// Tokens: issued once, stored as a hash, refused when unknown, revoked or expired.

#include "tests/support/stockfixture.h"

#include "sync/server/tokens.h"

#include <QSqlQuery>
#include <QThread>

namespace Stockroom::Sync {
namespace {

using testing::HasSubstr;

class TokenStoreTest : public Stockroom::Test::StockFixture
{
protected:
    QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
};

TEST_F(TokenStoreTest, AnIssuedTokenAuthenticatesWithItsRoleAndWarehouses)
{
    TokenStore tokens(*db);
    auto token = tokens.issue(QStringLiteral("bench-1"), Role::Clerk, {warehouse.code}, {}, now());
    ASSERT_TRUE(token) << qPrintable(token.error().message);
    auto info = tokens.authenticate(*token, now());
    ASSERT_TRUE(info);
    EXPECT_EQ(info->name, QStringLiteral("bench-1"));
    EXPECT_EQ(info->role, Role::Clerk);
    EXPECT_TRUE(info->maySee(warehouse.id));
    EXPECT_FALSE(info->maySee(warehouse.id + 1000));

    // Only the hash is stored.
    QSqlQuery query(db->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT token_hash FROM sync_tokens")) && query.next());
    EXPECT_NE(query.value(0).toString(), *token);
    EXPECT_FALSE(query.value(0).toString().contains(token->mid(4)));
}

TEST_F(TokenStoreTest, UnknownRevokedAndExpiredTokensAreRefusedEachWithItsReason)
{
    TokenStore tokens(*db);
    EXPECT_EQ(tokens.authenticate(QStringLiteral("srt_nothing"), now()).error().code,
              QStringLiteral("unauthorized"));
    EXPECT_EQ(tokens.authenticate(QStringLiteral("garbage"), now()).error().code,
              QStringLiteral("unauthorized"));

    auto revoked = tokens.issue(QStringLiteral("old"), Role::Manager, {}, {}, now());
    ASSERT_TRUE(revoked);
    ASSERT_TRUE(tokens.revoke(QStringLiteral("old"), now()));
    EXPECT_EQ(tokens.authenticate(*revoked, now()).error().code, QStringLiteral("token-revoked"));
    EXPECT_FALSE(tokens.revoke(QStringLiteral("old"), now())); // not active any more

    auto expiring = tokens.issue(QStringLiteral("temp"), Role::Clerk, {}, now().addDays(1), now());
    ASSERT_TRUE(expiring);
    EXPECT_TRUE(tokens.authenticate(*expiring, now()));
    EXPECT_EQ(tokens.authenticate(*expiring, now().addDays(2)).error().code,
              QStringLiteral("token-expired"));
}

TEST_F(TokenStoreTest, AValidGrantIsRememberedForItsLifetimeButExpiryIsCheckedOnEveryUse)
{
    TokenStore server(*db);
    TokenStore admin(*db); // another process's store: the admin command
    auto token = server.issue(QStringLiteral("erp"), Role::Manager, {}, now().addDays(1), now());
    ASSERT_TRUE(token);
    ASSERT_TRUE(server.authenticate(*token, now()));

    ASSERT_TRUE(admin.revoke(QStringLiteral("erp"), now()));
    EXPECT_TRUE(server.authenticate(*token, now())); // remembered, not read again
    EXPECT_EQ(server.authenticate(*token, now().addDays(2)).error().code,
              QStringLiteral("token-expired"));
    QThread::msleep(TokenStore::grantLifetime.count());
    EXPECT_EQ(server.authenticate(*token, now()).error().code, QStringLiteral("token-revoked"));

    // A revocation through the store that remembers the grant takes effect at once.
    auto other = server.issue(QStringLiteral("scanner"), Role::Clerk, {}, {}, now());
    ASSERT_TRUE(other);
    ASSERT_TRUE(server.authenticate(*other, now()));
    ASSERT_TRUE(server.revoke(QStringLiteral("scanner"), now()));
    EXPECT_EQ(server.authenticate(*other, now()).error().code, QStringLiteral("token-revoked"));
}

TEST_F(TokenStoreTest, ADatabaseThatCannotCheckATokenDoesNotCallItUnknown)
{
    TokenStore tokens(*db);
    auto token = tokens.issue(QStringLiteral("desk-1"), Role::Clerk, {}, {}, now());
    ASSERT_TRUE(token);
    QSqlQuery rename(db->connection());
    ASSERT_TRUE(rename.exec(QStringLiteral("ALTER TABLE sync_tokens RENAME TO sync_tokens_away")));
    const auto refused = tokens.authenticate(*token, now());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, QStringLiteral("unavailable")); // to try again, not give up
    ASSERT_TRUE(rename.exec(QStringLiteral("ALTER TABLE sync_tokens_away RENAME TO sync_tokens")));
    EXPECT_TRUE(tokens.authenticate(*token, now()));
}

TEST_F(TokenStoreTest, AnUnknownWarehouseOrADuplicateNameIsRefusedAtIssue)
{
    TokenStore tokens(*db);
    auto unknown = tokens.issue(QStringLiteral("x"),
                                Role::Clerk,
                                {QStringLiteral("NOPE")},
                                {},
                                now());
    ASSERT_FALSE(unknown);
    EXPECT_THAT(unknown.error().message.toStdString(), HasSubstr("NOPE"));
    auto bin = tokens.issue(QStringLiteral("x"), Role::Clerk, {binA.code}, {}, now());
    ASSERT_FALSE(bin); // a bin is not a warehouse
    ASSERT_TRUE(tokens.issue(QStringLiteral("x"), Role::Clerk, {}, {}, now()));
    auto again = tokens.issue(QStringLiteral("x"), Role::Clerk, {}, {}, now());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Duplicate);
    auto listed = tokens.list();
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 1);
}

} // namespace
} // namespace Stockroom::Sync
