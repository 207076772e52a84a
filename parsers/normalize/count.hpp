#pragma once
// Engagement and follower counts as the platforms display them ("1.2万", "10w+", "转发 123").
//
// Contract: pure functions over untrusted bytes. They never throw, never allocate and read nothing
// outside the given view. The result separates four facts a caller must not confuse:
//   kNumber  a count was read (value set; capped when the page showed a floor such as "100万+");
//   kEmpty   nothing was shown ("", whitespace, "-"): unknown;
//   kLabel   only a label was shown ("赞", "转发": valid UTF-8 without digits): meaning unknown,
//            the caller decides (s.weibo.com shows the label instead of 0);
//   kInvalid anything else, including negatives, values beyond int64, invalid UTF-8 and
//            full-width digits ("１２３"): never guessed.
// Arithmetic is exact decimal: "1.9万" is 19000, never 18999 from a double.
//
// Thread safety: stateless.

#include <cstdint>
#include <optional>
#include <string_view>

namespace koubei::normalize {

struct CountValue {
  enum class Status { kNumber, kEmpty, kLabel, kInvalid };

  Status status = Status::kInvalid;
  std::optional<std::int64_t> value;  ///< set only when status == kNumber
  bool capped = false;                ///< the page showed a floor ("+"): the value is the cap
};

/// Parses a displayed count. Accepted, after trimming spaces (ASCII, U+00A0, U+3000):
///   digits with optional thousands separators ("1,234", full-width "1，234": groups of three);
///   a decimal with a unit: 万/w/W = 10^4, 亿 = 10^8, k/K/千 = 10^3 ("3.14万" = 31400; a result that
///   is not a whole number, such as "1.23456万", is kInvalid); optional spaces before the unit;
///   a trailing "+" marks the value capped ("12万+", "10w+", "100+");
///   one number after a label or inside brackets: "赞 123", "转发 1.2万", "赞[415899]", "(123)",
///   "（12）", "【3】". Text after the number other than the matching closing bracket is kInvalid.
CountValue parse_count(std::string_view text);

/// A count the platform sent as an integer (JSON). Negative values are kInvalid.
CountValue count_from_int(std::int64_t v);

}  // namespace koubei::normalize
