#pragma once
// Small readers for the values a Dianping review page shows, over strings already taken out of
// the DOM (so they are testable without HTML).
//
//   <span class="sml-rank-stars sml-str45 star"></span>     star_rating("45") → 4.5
//   <span class="time">更新于2025-11-20 08:00</span>          review_time_text → "2025-11-20 08:00"
//   <span class="actions"><a … data-id="…">赞</a><em>(12)</em><a …>回应</a><em>(3)</em>…</span>
//                                                          action_count(text, "赞") → 12
//   <a class="name" href="/member/12345678">                member_id → "12345678"
//   https://www.dianping.com/shop/H4mDs2xJq8pPqS9v/review_all/p2    shop_id → "H4mDs2xJq8pPqS9v",
//                                                                    review_page → 2
//
// Pure; never read outside their input. Thread safety: stateless.

#include "parsers/normalize/count.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::dianping {

/// What follows "sml-str" in the class attribute's "sml-strNN" token ("45"), or nullopt when the
/// attribute has no such token.
std::optional<std::string_view> star_digits(std::string_view classes);

/// NN/10 for NN in 0..50 written with one or two digits (sml-str40 → 4.0, sml-str45 → 4.5);
/// nullopt otherwise.
std::optional<double> star_rating(std::string_view digits);

/// The time a review was written, from span.time: a leading "更新于" (edited) is dropped; when the
/// text holds both the first time and "更新于<edit time>", the first time is kept. Trimmed.
std::string_view review_time_text(std::string_view shown);

/// The count the actions area shows after `label` ("赞(12)", "回应 （3）"): status kEmpty when the
/// label is absent or has no bracketed count (Dianping shows a bare "赞" for none, or hides it);
/// kInvalid for a bracket without a count ("(abc)", an unclosed "(12").
normalize::CountValue action_count(std::string_view actions_text, std::string_view label);

/// The member id in a profile link ("/member/12345678", "//www.dianping.com/member/abc_1?x"),
/// or "" when the link is not one (ids are letters, digits, '_' and '-').
std::string_view member_id(std::string_view href);

/// The shop id in a review page URL (".../shop/{id}/review_all…"), or "".
std::string_view shop_id(std::string_view url);

/// A page number written in decimal digits only, 1..100000; nullopt otherwise.
std::optional<std::uint32_t> page_number(std::string_view digits);

/// The page number of a review page URL or pager link (".../review_all/p3" → 3); nullopt when the
/// URL names none (the first page) or the number is not 1..100000.
std::optional<std::uint32_t> review_page(std::string_view url);

/// An href made absolute on the public host: "//x" → "https://x", "/photos/1" →
/// "https://www.dianping.com/photos/1", http(s) kept; "" for anything else ("javascript:;").
std::string absolute_url(std::string_view href);

}  // namespace koubei::parsers::dianping
