#pragma once
// Outcome: what one request told the scheduler, reduced from the HTTP result and the parser's page
// verdict (cli.md) by the driver. The core reasons only about these.

#include <cstdint>
#include <string_view>

namespace koubei::scheduler {

enum class Outcome : std::uint8_t {
  kOk,                 ///< a page with items (or a real end of results)
  kEmpty,              ///< the platform's real "no results"
  kTransient,          ///< timeout, reset, 5xx, truncated body: retry with backoff
  kRateLimited,        ///< the platform throttled this account or IP
  kCaptcha,            ///< a verification challenge instead of content
  kLoginRequired,      ///< the cookie is missing, expired or rejected
  kSignatureRejected,  ///< the signer's signature was refused
  kNotFound,           ///< the item is gone: final, not retried
  kUnrecognized,       ///< the layout changed: final for this page, reported loudly
};

std::string_view to_string(Outcome o);

/// Anti-bot answers: they cool the account down; they are never "no results".
inline bool is_block(Outcome o) {
  return o == Outcome::kRateLimited || o == Outcome::kCaptcha || o == Outcome::kLoginRequired ||
         o == Outcome::kSignatureRejected;
}

}  // namespace koubei::scheduler
