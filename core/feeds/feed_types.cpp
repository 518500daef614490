// Provider names and FeedData helpers.
#include "core/feeds/feed_types.h"

#include <algorithm>
#include <cctype>

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
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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
