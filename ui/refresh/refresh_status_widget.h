// The status-bar piece of a refresh: progress, a cancel button, and an "offline" badge that
// stays quietly visible while the providers cannot be reached.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace retest::ui {

class RefreshStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit RefreshStatusWidget(QWidget* parent = nullptr);

    void showProgress(int done, int total);
    void showIdle();
    void setOffline(bool offline);
    bool isOfflineShown() const;

    QProgressBar* progressBar() const { return progress_; }
    QToolButton* cancelButton() const { return cancel_; }
    QLabel* offlineLabel() const { return offline_; }

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar* progress_;
    QToolButton* cancel_;
    QLabel* offline_;
};

}  // namespace retest::ui
