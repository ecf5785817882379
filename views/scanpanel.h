#pragma once

// ScanPanel: where a clerk scans. F2 receive, F3 issue, F4 transfer, F5 count; a location
// label, then items; Enter posts, Esc takes back the last scan. Codes come from the
// scanner (through ScanFilter and scan()) or are typed into the scan bar. Each scan is
// answered in words and with a colour flash a clerk sees from the shelf: green when it
// counted, red when it did not. The rules are the model's ScanSession; this only routes.

#include "model/actor.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace Stockroom {
class ScanSession;
enum class ScanMode;
} // namespace Stockroom

namespace Stockroom::Views {

class ScanPanel : public QWidget
{
    Q_OBJECT

public:
    ScanPanel(const Actor &actor, ScanSession &session, QWidget *parent = nullptr);

    void scan(const QString &code);
    void post();
    void cancelLast();
    void setMode(ScanMode mode);

    QLineEdit *scanBar() const { return m_bar; }
    QString message() const;
    bool lastScanCounted() const { return m_ok; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showLines();
    void say(const QString &text, bool ok);

    Actor m_actor;
    ScanSession &m_session;
    QLabel *m_mode;
    QLabel *m_where;
    QLineEdit *m_bar;
    QTableWidget *m_lines;
    QLabel *m_message;
    QTimer *m_flash;
    bool m_ok = true;
};

} // namespace Stockroom::Views
