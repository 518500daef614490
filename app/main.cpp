// `retest`: opens the window with no command, runs a command-line command otherwise.
#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "app/app_setup.h"
#include "app/cli/cli.h"
#include "ui/app/single_instance.h"
#include "ui/main_window.h"

namespace {

QtMessageHandler previousHandler = nullptr;

/// A headless command on a machine without a login session (cron, ssh, CI) has no
/// XDG_RUNTIME_DIR; Qt's offscreen platform then warns on every run that it uses its own
/// folder, which is all it needs. The commands' output stays what they say.
void quietRuntimeDirNotice(QtMsgType type, const QMessageLogContext& context, const QString& msg) {
    if (type == QtWarningMsg && msg.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"))) {
        return;
    }
    previousHandler(type, context, msg);
}

void describeApplication() {
    // Settings live in ~/.config/Retest/Retest.conf (QSettings' organisation/application).
    QCoreApplication::setOrganizationName(QStringLiteral("Retest"));
    QCoreApplication::setApplicationName(QStringLiteral("Retest"));
    QCoreApplication::setApplicationVersion(retest::cli::versionString());
}

int runCommandLine(int argc, char** argv, const retest::cli::Invocation& inv) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (retest::cli::commandNeedsGui(inv.command)) {
        // Charts render without a display; an explicit QT_QPA_PLATFORM still wins.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        previousHandler = qInstallMessageHandler(quietRuntimeDirNotice);
        QApplication app(argc, argv);
        describeApplication();
        return retest::cli::run(inv, out, err);
    }
    QCoreApplication app(argc, argv);
    describeApplication();
    return retest::cli::run(inv, out, err);
}

/// The files named on the command line, made absolute; prints why for those that cannot be
/// opened (and then nothing starts).
bool checkFiles(const QStringList& files, QStringList& absolute) {
    bool ok = true;
    for (const QString& f : files) {
        const QFileInfo info(f);
        QString problem;
        if (!info.exists()) {
            problem = QStringLiteral("no such file");
        } else if (info.isDir()) {
            problem = QStringLiteral("is a folder, not a CSV file");
        } else if (!info.isReadable()) {
            problem = QStringLiteral("not readable (permission denied)");
        }
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "retest: cannot open %s: %s\n", qPrintable(f),
                         qPrintable(problem));
            ok = false;
        }
        absolute << info.absoluteFilePath();
    }
    return ok;
}

int runGui(int argc, char** argv, const retest::cli::Invocation& inv) {
    QStringList files;
    if (!checkFiles(inv.files, files)) {
        return retest::cli::kFailed;
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Retest"));
    QApplication::setDesktopFileName(QStringLiteral("retest"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("retest"), QIcon(QStringLiteral(":/desktop/retest.svg"))));

    const auto path = inv.dbPath.empty() ? retest::app::defaultDatabasePath() : inv.dbPath;
    // One window per cache: a second launch hands its files over and is done. If the first
    // does not answer, this one starts as if it were alone.
    retest::ui::SingleInstance instance(
        retest::ui::SingleInstance::serverNameFor(QString::fromStdString(path.string())));
    if (!inv.newWindow && instance.handOff({files, inv.importDialog})) {
        return 0;
    }

    auto cache = retest::app::openCache(path);
    if (!cache) {
        QMessageBox::critical(nullptr, QStringLiteral("Retest"),
                              QStringLiteral("Cannot open the price cache:\n%1")
                                  .arg(QString::fromStdString(cache.error().message)));
        return 1;
    }
    QSettings settings;
    retest::ui::MainWindow window(*cache.value(), settings);
    if (!inv.newWindow && !instance.listen()) {
        std::fprintf(stderr, "retest: files opened later will start another window (%s)\n",
                     qPrintable(instance.errorString()));
    }
    QObject::connect(&instance, &retest::ui::SingleInstance::requestReceived, &window,
                     [&window](const retest::ui::HandOffRequest& request) {
                         // Queued: the dialogs must not run inside the socket's signal.
                         QTimer::singleShot(0, &window, [&window, request] {
                             window.openFiles(request.files);
                             if (request.importDialog) {
                                 window.chooseAndImport();
                             }
                         });
                     });
    window.show();
    if (!files.isEmpty() || inv.importDialog) {
        QTimer::singleShot(0, &window, [&window, &files, &inv] {
            window.openFiles(files);
            if (inv.importDialog) {
                window.chooseAndImport();
            }
        });
    }
    return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) {
        args << QString::fromLocal8Bit(argv[i]);
    }
    const auto inv = retest::cli::parseInvocation(args);
    if (inv.opensGui()) {
        return runGui(argc, argv, inv);
    }
    return runCommandLine(argc, argv, inv);
}
