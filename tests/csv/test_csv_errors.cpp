// Every kind of bad input the parser refuses: one test each, asserting the line and the reason
// a user reads. Any bad row rejects the whole file.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/csv_import.h"

namespace retest {
namespace {

constexpr std::string_view kHeader = "Date,Open,High,Low,Close,Volume\n";

CsvError errorOf(std::string_view bytes, CsvFormat format = CsvFormat::Auto) {
    auto r = parseCsv(bytes, "prices.csv", format);
    EXPECT_FALSE(r.ok()) << "accepted: " << bytes;
    return r.ok() ? CsvError{} : r.error();
}

CsvError rowError(std::string_view rows) {
    return errorOf(std::string(kHeader) + std::string(rows));
}

TEST(CsvErrors, LowAboveClose) {
    const CsvError e = rowError(
        "2020-01-02,101.60,102.00,101.00,101.70,10\n"
        "2020-01-03,101.60,102.00,101.50,100.20,10\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "low 101.50 is above close 100.20");
    EXPECT_EQ(e.message(), "prices.csv:3: low 101.50 is above close 100.20");
}

TEST(CsvErrors, LowAboveHigh) {
    const CsvError e = rowError("2020-01-03,10,9,11,10,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "low 11 is above high 9");
}

TEST(CsvErrors, OpenOutsideLowHigh) {
    EXPECT_EQ(rowError("2020-01-03,8.5,12,9,10,0\n").reason, "low 9 is above open 8.5");
    EXPECT_EQ(rowError("2020-01-03,12.5,12,9,10,0\n").reason, "open 12.5 is above high 12");
}

TEST(CsvErrors, CloseAboveHigh) {
    EXPECT_EQ(rowError("2020-01-03,10,12,9,13,0\n").reason, "close 13 is above high 12");
}

TEST(CsvErrors, NegativePrice) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-01-06,-1.5,12,9,11,0\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "open -1.5 is negative");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,11,-5\n").reason, "volume -5 is negative");
}

TEST(CsvErrors, NonNumericPrice) {
    EXPECT_EQ(rowError("2020-01-03,10,12,abc,11,0\n").reason, "low \"abc\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12x,9,11,0\n").reason, "high \"12x\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,nan,0\n").reason, "close \"nan\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,11,lots\n").reason, "volume \"lots\" is not a number");
}

TEST(CsvErrors, EmptyPriceField) {
    const CsvError e = rowError("2020-01-03,10,12,9,,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "close is empty");
}

TEST(CsvErrors, InvalidDate) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-02-30,10,12,9,11,0\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "invalid date \"2020-02-30\" (expected YYYY-MM-DD)");
    EXPECT_EQ(rowError("01/03/2020,10,12,9,11,0\n").reason,
              "invalid date \"01/03/2020\" (expected YYYY-MM-DD)");
}

TEST(CsvErrors, WrongNumberOfFields) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-01-06,10,12,9,11\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "wrong number of fields: expected 6 like the header, found 5");
    EXPECT_EQ(rowError("2020-01-06,10,12,9,11,0,7\n").reason,
              "wrong number of fields: expected 6 like the header, found 7");
}

TEST(CsvErrors, UnterminatedQuote) {
    const CsvError e = rowError("\"2020-01-03,10,12,9,11,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "unterminated quoted field");
}

TEST(CsvErrors, DuplicateDateWithDifferentValuesNamesBothLines) {
    const CsvError e = rowError(
        "2020-01-03,10,12,9,11,0\n"
        "2020-01-06,10,12,9,11,0\n"
        "\n"
        "2020-01-03,10,12,9,11.5,0\n");
    EXPECT_EQ(e.line, 5u);
    EXPECT_EQ(e.reason, "date 2020-01-03 appears on lines 2 and 5 with different values");
}

TEST(CsvErrors, EmptyFile) {
    for (std::string_view bytes : {"", "\n\r\n  \n", "\xEF\xBB\xBF"}) {
        const CsvError e = errorOf(bytes);
        EXPECT_EQ(e.line, 0u);
        EXPECT_EQ(e.message(), "prices.csv: the file is empty");
    }
}

TEST(CsvErrors, BinaryContentWithNulBytes) {
    const std::string bytes("Date,Open\n\x01\x02\0\x03\n", 15);
    const CsvError e = errorOf(bytes);
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.reason, "binary content (a NUL byte on line 2); this is not a CSV text file");
}

TEST(CsvErrors, InvalidUtf8InHeader) {
    const CsvError e = errorOf("\x89PNG\r\n\x1a\n");
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason, "the header is not valid UTF-8 text; is this a CSV file?");
}

TEST(CsvErrors, MissingRequiredColumnIsNamed) {
    const CsvError e = errorOf("date;open;high;close;volume\n2020-01-03;10;12;11;0\n");
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason,
              "missing required column \"low\" in header \"date;open;high;close;volume\" "
              "(needed: date, open, high, low, close)");
    // A file without a header row fails the same way, naming the first column it lacks.
    EXPECT_EQ(errorOf("2020-01-03,10,12,9,11,0\n").reason,
              "missing required column \"date\" in header \"2020-01-03,10,12,9,11,0\" "
              "(needed: date, open, high, low, close)");
}

TEST(CsvErrors, DuplicateColumn) {
    EXPECT_EQ(errorOf("date,open,high,low,close,Close\n2020-01-03,10,12,9,11,11\n").reason,
              "column \"Close\" appears twice (columns 5 and 6)");
}

TEST(CsvErrors, HeaderOnly) {
    const CsvError e = errorOf("Date,Open,High,Low,Close,Volume\r\n\r\n");
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.message(), "prices.csv: no data rows after the header");
}

TEST(CsvErrors, OnlyMissingRows) {
    const CsvError e = errorOf(
        "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-01,null,null,null,null,null,null\n");
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.reason, "all 1 data rows are marked missing (null); there are no prices to import");
}

TEST(CsvErrors, ExplicitFormatNamesTheExpectedHeader) {
    const CsvError e =
        errorOf("Date,Open,High,Low,Close,Volume\n2020-01-03,10,12,9,11,0\n", CsvFormat::Yahoo);
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason,
              "header \"Date,Open,High,Low,Close,Volume\" is not a Yahoo header; expected "
              "\"Date,Open,High,Low,Close,Adj Close,Volume\"");
}

TEST(CsvErrors, OneBadRowAmongGoodOnesRejectsTheFileAtTheFirstBadRow) {
    std::string text(kHeader);
    for (int d = 10; d < 28; ++d) {
        text += "2020-02-" + std::to_string(d) + ",10,12,9,11,100\n";
    }
    text += "2020-03-02,10,12,9,bad,100\n2020-03-03,10,12,13,11,100\n";
    const CsvError e = errorOf(text);
    EXPECT_EQ(e.line, 20u);
    EXPECT_EQ(e.reason, "close \"bad\" is not a number");
}

TEST(CsvErrors, NullRowsAreSkippedNotErrors) {
    auto r = parseCsv(
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2020-01-01,null,null,null,null,null,null\n"
        "2020-01-02,3244.669922,3258.139893,3235.530029,3257.850098,3257.850098,3458250000\n",
        "y.csv");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->skippedMissing, 1u);
    EXPECT_EQ(r->bars.size(), 1u);
}

}  // namespace
}  // namespace retest
