#pragma once
// Post, comment and review texts for the sandbox world: Chinese praise and complaint phrasing
// about products and service (logistics, after-sales, quality, staff, price), with emoji written
// the way the platforms write their alt texts ("[赞]", "[怒]"). Every text names its keyword, so a
// search for the keyword really matches it.
//
// Pure functions of the draws; thread-safe.

#include <string>
#include <string_view>

#include "sandbox/rng.hpp"

namespace koubei::sandbox {

/// A post about `keyword`: a complaint when `negative`, praise otherwise.
std::string post_text(Draws& d, std::string_view keyword, bool negative);

/// A comment or reply answering a post (shorter; agrees or disagrees).
std::string comment_text(Draws& d, bool negative);

/// A Dianping review of a restaurant.
std::string review_text(Draws& d, std::string_view shop, bool negative);

/// A nickname ("爱吃辣的小王", "数码老李2024").
std::string nickname(Draws& d);

/// Keywords for generated queries: brand × topic.
std::string generated_keyword(std::uint64_t index);

}  // namespace koubei::sandbox
