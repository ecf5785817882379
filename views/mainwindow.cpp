#include "mainwindow.h"

#include "stockview.h"
#include "syncstatus.h"

#include "model/scanresolver.h"

#include <QLabel>
#include <QStatusBar>

namespace Stockroom::Views {

MainWindow::MainWindow(const Actor &actor,
                       const Catalog &catalog,
                       StockModel &stock,
                       Sync::SyncClient *sync,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_stockView(new StockView(stock, this))
    , m_scan(new QLabel(this))
{
    setWindowTitle(tr("Stockroom"));
    setCentralWidget(m_stockView);
    statusBar()->addWidget(m_scan, 1);
    statusBar()->addPermanentWidget(
        new QLabel(tr("%1 (%2)").arg(actor.username, displayName(actor.role)), this));
    if (sync)
        statusBar()->addPermanentWidget(new SyncStatus(*sync, this));
    resize(1100, 700);
}

QString MainWindow::scanMessage() const
{
    return m_scan->text();
}

void MainWindow::handleScan(const QString &code)
{
    auto result = ScanResolver(m_catalog).resolve(code, QDate::currentDate());
    if (!result) {
        showScan(result.error().message, false);
        return;
    }
    if (result->kind == ScanResult::Kind::Location) {
        m_location = result->location->code;
        showScan(tr("Location %1 (%2)").arg(result->location->code, result->location->name), true);
        return;
    }
    const Product &product = *result->product;
    m_stockView->showText(product.sku);
    QString text = tr("%1 (%2)").arg(product.name, product.sku);
    if (!result->lot.isEmpty())
        text += tr(", lot %1").arg(result->lot);
    if (result->expiry.isValid())
        text += tr(", expires %1").arg(result->expiry.toString(Qt::ISODate));
    if (result->quantity)
        text += tr(", %n unit(s)", nullptr, int(*result->quantity));
    showScan(text, true);
}

void MainWindow::showScan(const QString &text, bool ok)
{
    // Seen from the shelf: green for a scan that counted, red for one that did not.
    m_scan->setText(text);
    m_scan->setStyleSheet(ok ? QStringLiteral("color: #166534; font-weight: bold;")
                             : QStringLiteral("color: #b91c1c; font-weight: bold;"));
}

} // namespace Stockroom::Views
