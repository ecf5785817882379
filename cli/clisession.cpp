#include "clisession.h"

#include "model/passphrase.h"
#include "model/tr.h"

namespace Stockroom::Cli {

void CliSession::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"), Tr::tr("The database file."), Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"),
         Tr::tr("Read the database key from this file (else STOCKROOM_DB_KEY, else a prompt)."),
         Tr::tr("path")});
    parser.addOption({QStringLiteral("user"),
                      Tr::tr("Act as this user (default: STOCKROOM_USER, else admin)."),
                      Tr::tr("name")});
}

Result<std::unique_ptr<CliSession>> CliSession::open(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Give the database with --db."));
    auto key = Passphrase::obtain(parser.value(QStringLiteral("key-file")),
                                  "STOCKROOM_DB_KEY",
                                  Tr::tr("Key for %1: ").arg(path));
    if (!key)
        return std::unexpected(key.error());
    auto db = Database::open(path, *key);
    if (!db)
        return std::unexpected(db.error());

    std::unique_ptr<CliSession> session(new CliSession);
    session->m_db = std::move(*db);
    session->m_ledger = std::make_unique<StockLedger>(*session->m_db);
    session->m_movements = std::make_unique<MovementService>(*session->m_db,
                                                             *session->m_ledger,
                                                             session->m_clock);
    session->m_masterData = std::make_unique<MasterDataService>(*session->m_db, session->m_clock);
    session->m_catalog = std::make_unique<Catalog>(*session->m_db);

    QString user = parser.value(QStringLiteral("user"));
    if (user.isEmpty())
        user = qEnvironmentVariable("STOCKROOM_USER", QStringLiteral("admin"));
    auto actor = UserService(*session->m_db, session->m_clock).actorFor(user);
    if (!actor)
        return std::unexpected(actor.error());
    session->m_actor = *actor;
    return session;
}

CliSession::~CliSession()
{
    // Services hold prepared queries on the connection: they go before the database.
    m_catalog.reset();
    m_masterData.reset();
    m_movements.reset();
    m_ledger.reset();
}

} // namespace Stockroom::Cli
