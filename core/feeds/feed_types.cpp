// Provider names and FeedData helpers.
#include "core/feeds/feed_types.h"

#include <algorithm>
#include <cctype>

#include "core/model/text.h"

namespace retest {

std::string_view providerName(Provider provider) {
    switch (provider) {
        case Provider::Yahoo:
            return "yahoo";
        case Provider::Stooq:
            return "stooq";
    }
    return "yahoo";
}

std::optional<Provider> parseProvider(std::string_view text) {
    const std::string lower = toLowerAscii(text);
    if (lower == "yahoo") {
        return Provider::Yahoo;
    }
    if (lower == "stooq") {
        return Provider::Stooq;
    }
    return std::nullopt;
}

bool FeedData::hasSplit() const {
    return std::any_of(actions.begin(), actions.end(), [](const CorporateAction& a) {
        return a.kind == CorporateAction::Kind::Split;
    });
}

}  // namespace retest
