// The symbol rule: real tickers pass and are folded to upper case; hostile names are refused
// with a message that prints on one line; ratios are two different plain symbols.
#include <gtest/gtest.h>

#include <string>

#include "core/model/symbol.h"

namespace retest {
namespace {

std::string canonical(std::string_view text) {
    auto r = normalizeSymbol(text);
    return r ? *r : "ERROR: " + r.error().message;
}

TEST(Symbol, RealTickersPassAndFoldToUpperCase) {
    EXPECT_EQ(canonical("^RUT"), "^RUT");
    EXPECT_EQ(canonical("BRK-B"), "BRK-B");
    EXPECT_EQ(canonical("brk.b"), "BRK.B");
    EXPECT_EQ(canonical("EURUSD=X"), "EURUSD=X");
    EXPECT_EQ(canonical("DGS10"), "DGS10");
    EXPECT_EQ(canonical("M&M.NS"), "M&M.NS");
    EXPECT_EQ(canonical("iwm"), canonical("IWM"));
}

TEST(Symbol, HostileNamesAreRefusedReadably) {
    EXPECT_EQ(canonical(""), "ERROR: invalid symbol: it is empty");
    EXPECT_EQ(canonical("A\nB"),
              "ERROR: invalid symbol \"A\\x0AB\": character 2 is not allowed (use letters, "
              "digits and ^ . - = _ &)");
    EXPECT_NE(canonical("'; DROP TABLE bars;--").find("ERROR: invalid symbol \"\\x27;"),
              std::string::npos);
    EXPECT_NE(canonical(std::string(10'000, 'A')).find("longer than 24 characters"),
              std::string::npos);
    EXPECT_NE(canonical("\xF0\x9F\x9A\x80").find("\\xF0\\x9F"), std::string::npos);  // emoji
    EXPECT_NE(canonical("IWM\xE2\x80\x8B").find("ERROR"), std::string::npos);  // zero-width space
    EXPECT_NE(canonical("\xE2\x80\xAEIWM").find("ERROR"), std::string::npos);  // RTL override
    EXPECT_NE(canonical("IWM SPY").find("ERROR"), std::string::npos);
    EXPECT_NE(canonical(".ETC").find("it must start with"), std::string::npos);
    EXPECT_NE(canonical("^^").find("no letter or digit"), std::string::npos);
    EXPECT_NE(canonical("IWM:SPY").find("only allowed between the two symbols of a ratio"),
              std::string::npos);
}

TEST(Symbol, RatioSymbolsAreTwoDifferentPlainSymbols) {
    auto r = splitRatioSymbol("iwm:spy");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->canonical, "IWM:SPY");
    EXPECT_EQ(r->numerator, "IWM");
    EXPECT_EQ(r->denominator, "SPY");
    EXPECT_TRUE(r->isRatio());

    auto plain = splitRatioSymbol("^rut");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->canonical, "^RUT");
    EXPECT_FALSE(plain->isRatio());

    EXPECT_EQ(splitRatioSymbol("IWM:iwm").error().message,
              "invalid symbol \"IWM:iwm\" (a ratio A:B): both sides are IWM; a ratio needs two "
              "different symbols");
    EXPECT_FALSE(splitRatioSymbol("IWM:").ok());
    EXPECT_FALSE(splitRatioSymbol(":SPY").ok());
    EXPECT_FALSE(splitRatioSymbol("A:B:C").ok());
    EXPECT_NE(splitRatioSymbol("IWM:S P").error().message.find("invalid symbol"),
              std::string::npos);
}

}  // namespace
}  // namespace retest
