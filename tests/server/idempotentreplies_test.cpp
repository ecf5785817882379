// IdempotentReplies keeps at most maxStoredReply bytes a reply, and the largest reply the API
// can make (a product at every limit) fits well within it: what a day of keyed writes keeps
// is bounded by their number, whatever the clients send.

#include "serverstorefixture.h"

#include "model/domain/limits.h"
#include "sync/server/idempotentreplies.h"
#include "sync/server/restjson.h"

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

class IdempotentRepliesTest : public ServerStoreTest
{
protected:
    qint64 keptRows()
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT COUNT(*) FROM rest_requests"));
        return query.next() ? query.value(0).toLongLong() : -1;
    }
};

TEST_F(IdempotentRepliesTest, TheLargestReplyAProductCanMakeIsWellWithinTheBound)
{
    // Three bytes of UTF-8 a character, in every field at its longest.
    const auto longest = [](qsizetype length) {
        return QString(length, QChar(0xD55C));
    };
    Product product;
    product.sku = longest(Limits::sku);
    product.name = longest(Limits::productName);
    product.localName = longest(Limits::productName);
    product.unit = longest(Limits::unit);
    product.version = std::numeric_limits<qint64>::max();
    for (int i = 0; i < Limits::barcodesPerProduct; ++i)
        product.barcodes.append({longest(Limits::barcode), Symbology::Free});
    const HttpReply reply = Rest::json(201, Rest::productJson(product));
    EXPECT_LT(reply.body.size(), IdempotentReplies::maxStoredReply / 2) << reply.body.size();
}

TEST_F(IdempotentRepliesTest, AReplyAtTheBoundIsKeptAndOnePastItIsRefused)
{
    IdempotentReplies replies(*db);
    HttpReply reply;
    reply.status = 201;
    reply.body = QByteArray(IdempotentReplies::maxStoredReply, 'x');
    ASSERT_TRUE(replies.keep(1, "at", {"hash", reply}, 1000));
    auto kept = replies.find(1, "at");
    ASSERT_TRUE(kept && *kept);
    EXPECT_EQ((*kept)->reply.body.size(), IdempotentReplies::maxStoredReply);

    reply.body.append('x');
    const Status past = replies.keep(1, "past", {"hash", reply}, 1000);
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(keptRows(), 1);
}

} // namespace
} // namespace Stockroom::Sync
