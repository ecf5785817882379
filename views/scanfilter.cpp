#include "scanfilter.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QWidget>

namespace Stockroom::Views {

namespace {

bool isEnter(int key)
{
    return key == Qt::Key_Return || key == Qt::Key_Enter;
}

// A scanner presses Shift around each capital, as a keyboard does: such a key on its own
// neither belongs to a code nor ends one.
bool isModifierKey(int key)
{
    switch (key) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
    case Qt::Key_CapsLock:
        return true;
    default:
        return false;
    }
}

// A key a scanner sends inside a code: one printable character, at most with Shift (for
// capitals) or the keypad flag.
bool isCodeCharacter(const QKeyEvent &event)
{
    const Qt::KeyboardModifiers other = event.modifiers()
                                        & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    return other == Qt::NoModifier && event.text().size() == 1 && event.text().at(0).isPrint();
}

// A field a person writes in: a scan there is the field's text, not a command.
bool isTextField(const QObject *object)
{
    if (const auto *line = qobject_cast<const QLineEdit *>(object))
        return !line->isReadOnly();
    if (const auto *text = qobject_cast<const QTextEdit *>(object))
        return !text->isReadOnly();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(object))
        return !plain->isReadOnly();
    if (const auto *combo = qobject_cast<const QComboBox *>(object))
        return combo->isEditable();
    return false;
}

} // namespace

ScanFilter::ScanFilter(QObject *parent)
    : QObject(parent)
{
    m_monotonic.start();
    m_clock = [this] {
        return m_monotonic.elapsed();
    };
    m_gap.setSingleShot(true);
    m_gap.setInterval(m_maxGapMs);
    connect(&m_gap, &QTimer::timeout, this, [this] { m_lastCall.start(); });
    m_lastCall.setSingleShot(true);
    m_lastCall.setInterval(0);
    connect(&m_lastCall, &QTimer::timeout, this, &ScanFilter::gapElapsed);
}

void ScanFilter::setMaxGapMs(int ms)
{
    m_maxGapMs = ms;
    m_gap.setInterval(ms);
}

qint64 ScanFilter::pressedAt(const QKeyEvent &event) const
{
    // The window system's milliseconds; 0 on events made by code.
    return event.timestamp() != 0 ? qint64(event.timestamp()) : m_clock();
}

bool ScanFilter::follows(qint64 at, qint64 previous) const
{
    const qint64 gap = at - previous;
    return gap >= 0 && gap <= m_maxGapMs;
}

bool ScanFilter::eventFilter(QObject *watched, QEvent *event)
{
    // A shortcut is matched before its key press arrives: the keys held so far must reach
    // their field first, or Ctrl+S would save the text without them.
    if (event->type() == QEvent::ShortcutOverride && !m_held.isEmpty() && !m_replaying) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (!isCodeCharacter(*key) && !isEnter(key->key()) && !isModifierKey(key->key()))
            release();
        return QObject::eventFilter(watched, event);
    }
    if (m_replaying || (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease)
        || !watched->isWidgetType())
        return QObject::eventFilter(watched, event);
    if (m_window && static_cast<QWidget *>(watched)->window() != m_window)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (isModifierKey(key->key()))
        return QObject::eventFilter(watched, event);
    if (isTextField(watched)) {
        // Typed or scanned, it is the field's text.
        if (!m_held.isEmpty())
            release();
        m_givenBack.clear();
        return QObject::eventFilter(watched, event);
    }

    if (event->type() == QEvent::KeyRelease) {
        // The release of a held key is part of the held key; it is given back with it.
        return !m_held.isEmpty() && !key->isAutoRepeat()
               && (isCodeCharacter(*key) || isEnter(key->key()));
    }
    const qint64 at = pressedAt(*key);
    if (!m_held.isEmpty() && !follows(at, m_lastKeyAt))
        release(); // too slow for a scanner: what was held is typing

    if (isEnter(key->key()) && !m_held.isEmpty()) {
        QString code = m_joinsGivenBack ? m_givenBack : QString();
        for (const HeldKey &held : std::as_const(m_held))
            code += held.text;
        if (code.size() >= m_minLength) {
            m_held.clear();
            m_givenBack.clear();
            m_gap.stop();
            m_lastCall.stop();
            Q_EMIT scanned(code);
            return true;
        }
        release();
        return false;
    }
    if (isEnter(key->key()) && m_givenBack.size() >= m_minLength && follows(at, m_givenBackAt)) {
        // The whole code was given back before its Enter came: it was a scan all the same.
        Q_EMIT scanned(std::exchange(m_givenBack, {}));
        return true;
    }
    if (isCodeCharacter(*key) && !key->isAutoRepeat()) {
        if (m_held.isEmpty()) {
            m_joinsGivenBack = !m_givenBack.isEmpty() && follows(at, m_givenBackAt);
            if (!m_joinsGivenBack)
                m_givenBack.clear();
        }
        m_held.append({watched, key->key(), key->modifiers(), key->text()});
        m_lastKeyAt = at;
        m_lastCall.stop();
        m_gap.start();
        return true;
    }
    release(); // anything else ends a burst, and goes through after what was held
    m_givenBack.clear();
    return false;
}

void ScanFilter::gapElapsed()
{
    if (m_held.isEmpty())
        return;
    QString text = m_joinsGivenBack ? m_givenBack : QString();
    for (const HeldKey &held : std::as_const(m_held))
        text += held.text;
    const qint64 lastAt = m_lastKeyAt;
    release();
    m_givenBack = text;
    m_givenBackAt = lastAt;
}

void ScanFilter::release()
{
    m_gap.stop();
    m_lastCall.stop();
    m_joinsGivenBack = false;
    const QList<HeldKey> held = std::exchange(m_held, {});
    m_replaying = true;
    for (const HeldKey &key : held) {
        if (!key.target)
            continue;
        QKeyEvent press(QEvent::KeyPress, key.key, key.modifiers, key.text);
        QCoreApplication::sendEvent(key.target, &press);
        QKeyEvent release(QEvent::KeyRelease, key.key, key.modifiers, key.text);
        QCoreApplication::sendEvent(key.target, &release);
    }
    m_replaying = false;
}

} // namespace Stockroom::Views
