// main() for GoogleTest suites that need widgets: a headless QApplication for the whole run.
#include <gtest/gtest.h>
#include <QApplication>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RetestTests"));
    QApplication::setApplicationName(QStringLiteral("retest-tests"));
    return RUN_ALL_TESTS();
}
