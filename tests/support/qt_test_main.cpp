// main() for GoogleTest suites that need widgets: a headless QApplication for the whole run.
// ctest -j runs suites in parallel, so nothing may be shared between them: QStandardPaths is in
// test mode (never the user's folders) and QSettings lives in a folder of this process alone.
#include <gtest/gtest.h>
#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    ::testing::InitGoogleTest(&argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RetestTests"));
    QApplication::setApplicationName(QStringLiteral("retest-tests"));
    const QTemporaryDir settingsDir;
    if (!settingsDir.isValid()) {
        return 1;
    }
    for (QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat}) {
        QSettings::setPath(format, QSettings::UserScope, settingsDir.path());
        QSettings::setPath(format, QSettings::SystemScope, settingsDir.path());
    }
    return RUN_ALL_TESTS();
}
