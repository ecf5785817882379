#pragma once

// WindowFixture: the workstation's window over a real encrypted database, with every model
// and service the window shows, built as the app builds them: a manager's window is open
// on the Stock tab; windowFor() builds one for another role. Widgets run offscreen.

#include "tests/support/stockfixture.h"

#include "model/io/csvimporter.h"
#include "model/itemmodels/alertmodel.h"
#include "model/itemmodels/conflictmodel.h"
#include "model/itemmodels/dashboardmodel.h"
#include "model/itemmodels/movementmodel.h"
#include "model/itemmodels/periodreportmodel.h"
#include "model/itemmodels/productmodel.h"
#include "model/itemmodels/stockmodel.h"
#include "model/services/conflictservice.h"
#include "model/services/scansession.h"
#include "model/services/stocktake.h"
#include "model/storage/setup.h"
#include "views/alertsview.h"
#include "views/conflictdialog.h"
#include "views/conflictinbox.h"
#include "views/dashboardview.h"
#include "views/historyview.h"
#include "views/keydialog.h"
#include "views/locationsview.h"
#include "views/logindialog.h"
#include "views/mainwindow.h"
#include "views/newdatabasedialog.h"
#include "views/productsview.h"
#include "views/reportdocument.h"
#include "views/reportview.h"
#include "views/scanpanel.h"
#include "views/settingsdialog.h"
#include "views/stocktakeview.h"
#include "views/stockview.h"
#include "views/usersview.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

namespace Stockroom::Views {

class WindowFixture : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        post(ReceiveStock{widget.id, binA.id, {}, {}, 12, {}, {}});
        post(ReceiveStock{widget.id, binB.id, {}, {}, 3, {}, {}});
        stock = std::make_unique<StockModel>(*db, *ledger, [] { return QDate(2026, 11, 24); });
        tester = std::make_unique<QAbstractItemModelTester>(
            stock.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        history = std::make_unique<MovementModel>(*db, *ledger);
        conflicts = std::make_unique<ConflictModel>(*db);
        decisions = std::make_unique<ConflictService>(*db, clock);
        scanning = std::make_unique<ScanSession>(*db, *catalog, *movements);
        dashboard = std::make_unique<DashboardModel>(*db, *ledger, [this] {
            return clock.now().date();
        });
        acknowledgments = std::make_unique<AlertService>(*db, clock);
        report = std::make_unique<PeriodReportModel>(*db);
        products = std::make_unique<ProductModel>(*db, *masterData);
        stocktake = std::make_unique<Stocktake>(*db, *catalog, *movements, clock);
        importer = std::make_unique<CsvImporter>(*db, *masterData, *movements);
        alerts = std::make_unique<AlertModel>(*db, *ledger, *masterData, *acknowledgments, [this] {
            return clock.now().date();
        });
        window = windowFor(manager);
        window->show();
        window->tabs()->setCurrentWidget(window->stockView());
    }
    std::unique_ptr<MainWindow> windowFor(const Actor &actor)
    {
        return std::make_unique<MainWindow>(actor,
                                            MainWindow::Parts{*catalog,
                                                              *stock,
                                                              *history,
                                                              *movements,
                                                              *conflicts,
                                                              *decisions,
                                                              *scanning,
                                                              *dashboard,
                                                              *alerts,
                                                              *acknowledgments,
                                                              *report,
                                                              *masterData,
                                                              *products,
                                                              *stocktake,
                                                              *importer,
                                                              *users,
                                                              clock,
                                                              nullptr});
    }
    void TearDown() override
    {
        window.reset();
        importer.reset();
        stocktake.reset();
        products.reset();
        report.reset();
        alerts.reset();
        acknowledgments.reset();
        dashboard.reset();
        scanning.reset();
        decisions.reset();
        conflicts.reset();
        history.reset();
        tester.reset();
        stock.reset();
        StockFixture::TearDown();
    }

    int rows() const { return window->stockView()->table()->model()->rowCount(); }

    std::unique_ptr<StockModel> stock;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<MovementModel> history;
    std::unique_ptr<ConflictModel> conflicts;
    std::unique_ptr<ConflictService> decisions;
    std::unique_ptr<ScanSession> scanning;
    std::unique_ptr<DashboardModel> dashboard;
    std::unique_ptr<AlertService> acknowledgments;
    std::unique_ptr<AlertModel> alerts;
    std::unique_ptr<PeriodReportModel> report;
    std::unique_ptr<ProductModel> products;
    std::unique_ptr<Stocktake> stocktake;
    std::unique_ptr<CsvImporter> importer;
    std::unique_ptr<MainWindow> window;
};

} // namespace Stockroom::Views
