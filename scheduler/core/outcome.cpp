#include "scheduler/core/outcome.hpp"

namespace koubei::scheduler {

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kEmpty: return "empty";
    case Outcome::kTransient: return "transient";
    case Outcome::kRateLimited: return "rate_limited";
    case Outcome::kCaptcha: return "captcha";
    case Outcome::kLoginRequired: return "login_required";
    case Outcome::kSignatureRejected: return "signature_rejected";
    case Outcome::kNotFound: return "not_found";
    case Outcome::kUnrecognized: return "unrecognized";
  }
  return "unknown";
}

}  // namespace koubei::scheduler
