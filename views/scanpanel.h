#pragma once

// ScanPanel: where a clerk scans. F2 receive, F3 issue, F4 transfer, F5 count; a location
// label, then items; Enter posts, Esc takes back the last scan. Codes come from the
// scanner (through ScanFilter and scan()) or are typed into the scan bar. Each scan is
// answered in words and with a colour flash a clerk sees from the shelf: green when it
// counted, red when it did not. The rules are the model's ScanSession; this only routes.
// For a manager, an unknown barcode can be linked to a product on the spot (F8): the
// code then counts as that product's.

#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/domain/error.h"

#include <functional>

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace Stockroom {
class ScanSession;
struct ResumedBasket;
enum class ScanMode;
} // namespace Stockroom

namespace Stockroom::Views {

class ScanPanel : public QWidget
{
    Q_OBJECT

public:
    // The clock's today judges lots' expiry; it must outlive the panel.
    ScanPanel(const Actor &actor,
              ScanSession &session,
              const Clock &clock,
              QWidget *parent = nullptr);

    // Links a code to the product with a SKU. Unset: unknown codes cannot be linked here.
    using LinkBarcode = std::function<Status(const QString &code, const QString &sku)>;
    void setLinker(LinkBarcode link) { m_link = std::move(link); }
    // The last unknown code, if a linker is set; and linking it to a SKU, then scanning it.
    QString unknownCode() const { return m_unknown; }
    void linkUnknown(const QString &sku);
    // Whether a refused scan also beeps (the flash is always shown).
    void setBeep(bool on) { m_beep = on; }

    void scan(const QString &code);
    void post();
    void cancelLast();
    void setMode(ScanMode mode);

    QLineEdit *scanBar() const { return m_bar; }
    QString message() const;
    bool lastScanCounted() const { return m_ok; }
    // A refused scan stays red, and beeps again every few seconds, until the next scan or
    // a key in the scan bar.
    bool isAlarming() const;
    void silence();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showLines();
    void showMode();
    void say(const QString &text, bool ok);
    void sayResumed(const ResumedBasket &resumed);
    void askToLink();

    Actor m_actor;
    ScanSession &m_session;
    const Clock &m_clock;
    QLabel *m_mode;
    QLabel *m_where;
    QLineEdit *m_bar;
    QTableWidget *m_lines;
    QLabel *m_message;
    QTimer *m_flash;
    QTimer *m_alarm;
    int m_alarmsRung = 0;
    QPushButton *m_linkButton;
    LinkBarcode m_link;
    QString m_unknown;
    bool m_ok = true;
    bool m_beep = true;
};

} // namespace Stockroom::Views
