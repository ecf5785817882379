#include "clisession.h"

#include "model/domain/tr.h"
#include "model/io/commandline.h"

namespace Stockroom::Cli {

void CliSession::addOptions(QCommandLineParser &parser)
{
    CommandLine::addDatabaseOptions(parser, Tr::tr("The database file."));
    parser.addOption({QStringLiteral("user"),
                      Tr::tr("Act as this user (default: STOCKROOM_USER, else admin)."),
                      Tr::tr("name")});
}

Result<std::unique_ptr<CliSession>> CliSession::open(const QCommandLineParser &parser)
{
    auto db = CommandLine::openDatabase(parser);
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
