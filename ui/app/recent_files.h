// File ▸ Open Recent: the CSV files the user imported, newest first, kept in QSettings.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QSettings;

namespace retest::ui {

class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 10;

    RecentFiles(QSettings& settings, QObject* parent = nullptr);
    ~RecentFiles() override;

    /// Puts `path` (made absolute) first; saved at once so a crash keeps it.
    void add(const QString& path);
    /// Newest first, as saved (files that disappeared since are still listed here).
    QStringList files() const;
    void clear();

    /// "Open Recent": one entry per file that still exists, then "Clear Menu". The caller
    /// adds it to its own menu; this object owns it.
    QMenu* menu() const { return menu_; }

Q_SIGNALS:
    /// The user picked `path` in the menu (emitted from the event loop, after the menu closed).
    void fileChosen(const QString& path);

private:
    void rebuildMenu();
    void save(const QStringList& files);

    QSettings& settings_;
    QMenu* menu_;
};

}  // namespace retest::ui
