#pragma once
// The sandbox's request handling without IO: a Request in, the Response a simulated platform
// gives. Order: sandbox endpoints (/__sandbox/…: never limited or faulted) → which platform →
// token buckets (blocks.hpp) → signature (XHS, Douyin APIs) → the page (login checks inside) →
// fault injection (the scenario's [faults]: reset, 5xx, truncated, malformed, changed layout,
// latency). Faults are drawn from the seed and the request's sequence number.
//
// Sandbox endpoints: /__sandbox/truth (truth.hpp), /__sandbox/world, /__sandbox/stats,
// /__sandbox/glyphs, POST /__sandbox/sign (signer.hpp), /__sandbox/health.
//
// Thread safety: handle() may run on several threads at once (World and WorldClock are
// immutable, Enforcer locks).

#include "sandbox/clock.hpp"
#include "sandbox/enforcer.hpp"
#include "sandbox/http_types.hpp"
#include "sandbox/world.hpp"

namespace koubei::sandbox {

class Router {
 public:
  Router(const World& world, const WorldClock& clock, Enforcer& enforcer)
      : world_(world), clock_(clock), enforcer_(enforcer) {}

  Response handle(const Request& req);

 private:
  Response sandbox_endpoint(const Request& req, Millis now);
  Response page(const Request& req, Millis now, bool changed_layout);
  void inject_faults(Response& r, std::uint64_t sequence);

  const World& world_;
  const WorldClock& clock_;
  Enforcer& enforcer_;
};

/// The login cookie of each platform: SUB (Weibo), web_session (XHS), sessionid (Douyin),
/// dper (Dianping).
std::string_view login_cookie(PlatformId p);

}  // namespace koubei::sandbox
