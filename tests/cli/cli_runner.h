// Runs `retest` command lines in-process and captures what they print.
#pragma once

#include <QString>
#include <QStringList>
#include <filesystem>

namespace retest::test {

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

/// `retest --db DB ARGS…`, in this process (the QApplication of the test main is used).
CliRun runCli(const std::filesystem::path& db, const QStringList& args);

}  // namespace retest::test
