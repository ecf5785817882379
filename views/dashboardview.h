#pragma once

// DashboardView: the manager's dashboard. Stock level over time, ledger lines per day
// stacked by type, the top ten movers, and the count of items below min, for a period and
// a scope (a warehouse, a product, or everything). It draws a DashboardModel and an
// AlertModel it does not own, and redraws whenever either changes; while it is on screen
// it follows the ledger live.

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;

namespace Stockroom {
class AlertModel;
class Catalog;
class DashboardModel;
struct Product;
} // namespace Stockroom

namespace Stockroom::Views {

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    DashboardView(const Catalog &catalog,
                  DashboardModel &model,
                  const AlertModel &alerts,
                  QWidget *parent = nullptr);

    // Narrows the dashboard to one product (after a scan); a null id shows every product.
    void showProduct(const Product &product);

    QChart *levelChart() const { return m_levelChart; }
    QChart *movementChart() const { return m_movementChart; }
    QChart *moverChart() const { return m_moverChart; }
    QLabel *belowMinLabel() const { return m_belowMin; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyScope();
    void chooseProduct();
    void redraw();
    void drawLevels();
    void drawMovements();
    void drawMovers();
    void countAlerts();

    const Catalog &m_catalog;
    DashboardModel &m_model;
    const AlertModel &m_alerts;
    QComboBox *m_period;
    QComboBox *m_warehouse;
    QLineEdit *m_product;
    QLabel *m_problem;
    QLabel *m_belowMin;
    qint64 m_productId = 0;
    QString m_productName;
    QChart *m_levelChart;
    QChart *m_movementChart;
    QChart *m_moverChart;
};

} // namespace Stockroom::Views
