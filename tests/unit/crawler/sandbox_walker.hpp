#pragma once
// Test support for the platform-client sandbox walks: an in-process sandbox (demo scenario, frozen
// world, seed 3), an HttpEngine, and the daemon's page loop: request() → sign when asked (the
// sandbox's signer through koubei::signer) → fetch with the platform's login cookie → PageParser
// → advance(). Failures are Catch2 REQUIREs, so a helper stops the test case that called it.

#include "crawler/clients/platform_client.hpp"
#include "crawler/http/http_engine.hpp"
#include "parsers/parse.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/sandbox/sandbox_fixture.hpp"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace koubei::test {

inline constexpr std::int64_t kHourMs = 3600 * 1000;
/// More pages than any walk here needs (Weibo's cap is 50): a walk that loops fails instead.
inline constexpr std::uint32_t kMaxWalkPages = 80;

struct Walked {
  std::vector<parsers::ParsedItem> items;
  std::uint32_t pages = 0;
  std::uint32_t unknown_glyphs = 0;
  std::uint32_t reply_walks = 0;  ///< kReplies listings walked (XHS, Douyin)
};

std::set<std::string> ids_of(const std::vector<parsers::ParsedItem>& items);

/// The newest `cap` of a truth list (it is newest first), as the capped listings show them.
std::set<std::string> ids_of(const std::vector<sandbox::test::TruthItem>& truth,
                             std::size_t cap = SIZE_MAX);

class SandboxWalker {
 public:
  SandboxWalker();

  std::int64_t now() const { return sandbox_.now(); }

  const sandbox::World& world() const { return sandbox_.world(); }

  /// A client for `id` with both hosts on the sandbox, and its signer when `with_signer`.
  clients::PlatformClient client(config::PlatformId id, bool with_signer) const;

  /// Signs (when the request asks for it), fetches with the platform's login cookie, parses.
  parsers::ParseResult fetch(const clients::PlatformClient& client, requests::RequestSpec spec);

  /// Walks `listing` to its end; every page must be ok (or an empty last page).
  Walked walk(const clients::PlatformClient& client, const clients::Listing& listing);

  /// Comments of `item`, then the replies of every comment that has more than it shows.
  Walked walk_thread(const clients::PlatformClient& client,
                     const std::string& item,
                     const std::string& xsec_token = "");

  /// /__sandbox/truth?platform=P&params.
  std::vector<sandbox::test::TruthItem> truth(config::PlatformId p, const std::string& params);
  std::vector<sandbox::test::TruthItem> query_truth(config::PlatformId p,
                                                    const std::string& keyword,
                                                    const std::string& extra = "");

  /// The first post of `posts` with at least `min` comments and replies, and their truth.
  std::pair<std::string, std::vector<sandbox::test::TruthItem>> thread_of(
      config::PlatformId p, const std::vector<sandbox::test::TruthItem>& posts, std::size_t min);

  /// The Dianping glyph map as a user would configure it: /__sandbox/glyphs saved to a file and
  /// read with clients::load_glyph_map; later pages are parsed with it.
  void use_glyph_map_file();

 private:
  sandbox::test::RunningSandbox sandbox_;
  std::string base_;
  http::HttpEngine engine_;
  sandbox::test::Client truth_client_;
  std::unique_ptr<parsers::PageParser> parser_;
  TempDir dir_;
};

}  // namespace koubei::test
