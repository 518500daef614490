// The list file format: one symbol a line, junk named by line number.
#include <gtest/gtest.h>

#include "core/model/watchlist.h"

namespace retest {
namespace {

TEST(WatchlistText, SymbolsAreTrimmedUpperCasedAndRatiosAllowed) {
    EXPECT_EQ(canonicalSymbol("  iwm \t"), "IWM");
    EXPECT_FALSE(symbolProblem("IWM:SPY").has_value());
    EXPECT_FALSE(symbolProblem("^GSPC").has_value());
    EXPECT_FALSE(symbolProblem("BRK-B").has_value());
    EXPECT_TRUE(symbolProblem("").has_value());
    EXPECT_TRUE(symbolProblem("IWM SPY").has_value());
    EXPECT_TRUE(symbolProblem("IWM;").has_value());
}

TEST(WatchlistText, AFileWithCommentsBlankLinesBomAndCrlfReadsInOrder) {
    const auto list =
        parseSymbolList("\xEF\xBB\xBFiwm\r\n# sectors\r\n\r\n kre \r\nIWM:SPY", "a.txt");
    ASSERT_TRUE(list.ok()) << list.error().message;
    EXPECT_EQ(*list, (std::vector<std::string>{"IWM", "KRE", "IWM:SPY"}));
    EXPECT_EQ(formatSymbolList(*list), "IWM\nKRE\nIWM:SPY\n");
}

TEST(WatchlistText, EveryBadLineIsNamedByItsNumber) {
    const auto list = parseSymbolList("IWM\nSPY QQQ\nKRE\n$$$\niwm\n", "list.txt");
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().message,
              "list.txt:2: \"SPY QQQ\" has a space in it (one symbol a line)\n"
              "list.txt:4: \"$$$\" is not a symbol (letters, digits and ^ . - = _ / : only)\n"
              "list.txt:5: IWM is already on line 1");
}

}  // namespace
}  // namespace retest
