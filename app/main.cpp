// `retest`: opens the window with no command, runs a command-line command otherwise.
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <cstdio>

#include "app/app_setup.h"
#include "app/cli/cli.h"
#include "ui/main_window.h"

namespace {

void describeApplication() {
    // Settings live in ~/.config/Retest/Retest.conf (QSettings' organisation/application).
    QCoreApplication::setOrganizationName(QStringLiteral("Retest"));
    QCoreApplication::setApplicationName(QStringLiteral("Retest"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RETEST_VERSION));
}

int runCommandLine(int argc, char** argv, const retest::cli::Invocation& inv) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (retest::cli::commandNeedsGui(inv.command)) {
        // Charts render without a display; an explicit QT_QPA_PLATFORM still wins.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        QApplication app(argc, argv);
        describeApplication();
        return retest::cli::run(inv, out, err);
    }
    QCoreApplication app(argc, argv);
    describeApplication();
    return retest::cli::run(inv, out, err);
}

int runGui(int argc, char** argv, const retest::cli::Invocation& inv) {
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Retest"));
    QApplication::setDesktopFileName(QStringLiteral("retest"));

    const auto path = inv.dbPath.empty() ? retest::app::defaultDatabasePath() : inv.dbPath;
    auto cache = retest::app::openCache(path);
    if (!cache) {
        QMessageBox::critical(nullptr, QStringLiteral("Retest"),
                              QStringLiteral("Cannot open the price cache:\n%1")
                                  .arg(QString::fromStdString(cache.error().message)));
        return 1;
    }
    QSettings settings;
    retest::ui::MainWindow window(*cache.value(), settings);
    window.show();
    return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    const auto inv = retest::cli::parseInvocation(args);
    if (inv.command.isEmpty() && !inv.help && !inv.version && inv.error.isEmpty()) {
        return runGui(argc, argv, inv);
    }
    return runCommandLine(argc, argv, inv);
}
