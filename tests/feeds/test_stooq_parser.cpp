// Stooq CSV answers: a real-shaped download, the whole sample, and Stooq's refusals.
#include <gtest/gtest.h>

#include "core/feeds/stooq_parser.h"
#include "core/model/date.h"
#include "tests/feeds/provider_bodies.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

TEST(StooqParser, ReadsADownload) {
    const QByteArray body = QByteArray::fromStdString(
        test::readFile(test::dataFile("feeds/stooq_spx_2020-04-13_17.csv")));
    auto data = parseStooqCsv(body);
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->bars.size(), 5u);
    EXPECT_EQ(data->bars[0], (Bar{*parseIsoDate("2020-04-13"), 2782.46, 2782.46, 2721.17, 2761.63,
                                  2761.63, 5274310000}));
    EXPECT_EQ(formatIsoDate(data->bars[4].day), "2020-04-17");
    EXPECT_TRUE(data->actions.empty());
}

TEST(StooqParser, TheWholeRealSampleAsStooqSendsIt) {
    const auto& sample = test::sampleBars();
    auto data = parseStooqCsv(test::stooqCsvBody(sample));
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->bars.size(), sample.size());
    EXPECT_EQ(data->bars.front().day, sample.front().day);
    EXPECT_EQ(data->bars.back().close, sample.back().close);
    EXPECT_EQ(data->bars.back().adjClose, sample.back().close);
}

TEST(StooqParser, NoDataIsAnErrorNotAnEmptySuccess) {
    auto data = parseStooqCsv("No data");
    ASSERT_FALSE(data.ok());
    EXPECT_EQ(data.error().message,
              "No data (unknown symbol or no sessions in the requested range)");
}

TEST(StooqParser, OtherAnswersAreErrors) {
    EXPECT_EQ(parseStooqCsv("Exceeded the daily hits limit").error().message,
              "not a Stooq CSV: \"Exceeded the daily hits limit\"");
    EXPECT_EQ(parseStooqCsv("<html><body>Maintenance</body></html>").error().message,
              "received an HTML page instead of CSV data");
    EXPECT_EQ(parseStooqCsv("  \r\n").error().message, "empty answer");
    EXPECT_FALSE(parseStooqCsv("Date,Open,High,Low,Close,Volume\r\n").ok());
}

}  // namespace
}  // namespace retest
