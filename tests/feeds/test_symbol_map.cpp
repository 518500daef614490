// Provider symbol names: the built-in table, the ticker rule and the user's overrides.
#include <gtest/gtest.h>

#include "core/feeds/symbol_map.h"

namespace retest {
namespace {

TEST(SymbolMap, IndicesUseEachProvidersName) {
    EXPECT_EQ(providerSymbol(Provider::Yahoo, "^GSPC"), "^GSPC");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "^GSPC"), "^spx");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "^gspc"), "^spx");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "^TNX"), "10usy.b");
    EXPECT_EQ(providerSymbol(Provider::Yahoo, "^RUT"), "^RUT");
}

TEST(SymbolMap, PlainTickersGetStooqsUsSuffix) {
    EXPECT_EQ(providerSymbol(Provider::Yahoo, "IWM"), "IWM");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "IWM"), "iwm.us");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "BRK-B"), "brk-b.us");
    EXPECT_EQ(providerSymbol(Provider::Stooq, "SAP.DE"), "sap.de");  // already qualified
}

TEST(SymbolMap, AnIndexTheProviderDoesNotCarryHasNoProviderSymbol) {
    EXPECT_EQ(providerSymbol(Provider::Stooq, "^RUT"), std::nullopt);
}

TEST(SymbolMap, UserOverridesWin) {
    SymbolOverrides overrides;
    overrides[Provider::Stooq]["^RUT"] = "^rut";
    overrides[Provider::Yahoo]["SPX"] = "^GSPC";
    overrides[Provider::Yahoo]["IWM"] = "";  // the user says Yahoo should not be asked
    EXPECT_EQ(providerSymbol(Provider::Stooq, "^RUT", overrides), "^rut");
    EXPECT_EQ(providerSymbol(Provider::Yahoo, "SPX", overrides), "^GSPC");
    EXPECT_EQ(providerSymbol(Provider::Yahoo, "IWM", overrides), std::nullopt);
    EXPECT_EQ(providerSymbol(Provider::Stooq, "SPX", overrides), "spx.us");  // other provider
}

TEST(SymbolMap, ProviderNamesRoundTrip) {
    EXPECT_EQ(parseProvider("Yahoo"), Provider::Yahoo);
    EXPECT_EQ(parseProvider("STOOQ"), Provider::Stooq);
    EXPECT_EQ(parseProvider("google"), std::nullopt);
    EXPECT_EQ(providerName(Provider::Stooq), "stooq");
}

}  // namespace
}  // namespace retest
