#include "tests/unit/crawler/sandbox_walker.hpp"

#include "crawler/clients/glyph_map_file.hpp"
#include "crawler/requests/url_builder.hpp"
#include "crawler/signer/signer_client.hpp"
#include "tests/support/run_coro.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace koubei::test {

using clients::Listing;
using clients::ListingKind;
using clients::PlatformClient;
using config::PlatformId;
using parsers::ParseResult;

namespace {

// The login cookie each platform's sandbox expects (docs/sandbox.md "Logins").
std::string login_cookie(PlatformId p) {
  switch (p) {
    case PlatformId::kWeibo:
      return "SUB=walk-test";
    case PlatformId::kXiaohongshu:
      return "web_session=walk-test";
    case PlatformId::kDouyin:
      return "sessionid=walk-test";
    case PlatformId::kDianping:
      return "dper=walk-test";
  }
  return {};
}

}  // namespace

std::set<std::string> ids_of(const std::vector<parsers::ParsedItem>& items) {
  std::set<std::string> out;
  for (const auto& i : items)
    out.insert(i.mention.id());
  return out;
}

std::set<std::string> ids_of(const std::vector<sandbox::test::TruthItem>& truth, std::size_t cap) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < std::min(cap, truth.size()); ++i)
    out.insert(truth[i].id);
  return out;
}

SandboxWalker::SandboxWalker()
    : sandbox_("demo", 3),
      base_("http://127.0.0.1:" + std::to_string(sandbox_.port())),
      engine_(config::HttpConfig{}),
      truth_client_(sandbox_.port()),
      parser_(std::make_unique<parsers::PageParser>()) {}

PlatformClient SandboxWalker::client(PlatformId id, bool with_signer) const {
  config::PlatformConfig c;
  c.base_url = base_;
  c.web_url = base_;
  if (with_signer) c.signer_url = base_ + "/__sandbox/sign";
  return PlatformClient(id, std::move(c));
}

ParseResult SandboxWalker::fetch(const PlatformClient& client, requests::RequestSpec spec) {
  if (spec.signing != requests::Signing::kNone) {
    auto signed_ok = run_coro(signer::sign(engine_, client.config().signer_url, spec, now()));
    INFO((signed_ok.has_value() ? std::string() : signed_ok.error().message()));
    REQUIRE(signed_ok.has_value());
  }
  http::Request request = signer::to_http_request(spec);
  request.cookie = config::Secret(login_cookie(client.platform()));
  http::Response response = run_coro(engine_.fetch(std::move(request)));
  INFO(spec.url << ": " << response.error.message());
  REQUIRE(response.ok());
  parsers::PageInput page;
  page.type = spec.page_type;
  page.body = response.body.view();
  page.padded = true;
  page.status = response.status;
  page.url = spec.url;
  page.final_url = response.final_url;
  page.fetched_at = model::Timestamp{std::chrono::milliseconds{now()}};
  return parser_->parse(page);
}

Walked SandboxWalker::walk(const PlatformClient& client, const Listing& listing) {
  auto walk = client.start(listing, now(), 424242);
  INFO((walk.has_value() ? std::string() : walk.error().message()));
  REQUIRE(walk.has_value());
  Walked out;
  while (true) {
    REQUIRE(out.pages < kMaxWalkPages);
    const ParseResult page = fetch(client, walk->request());
    ++out.pages;
    INFO(walk->request().url << " page " << walk->page() << ": " << page.detail);
    REQUIRE(parsers::is_success(page.verdict));
    out.unknown_glyphs += page.unknown_glyphs;
    out.items.insert(out.items.end(), page.items.begin(), page.items.end());
    if (!walk->advance(page)) break;
  }
  CHECK_FALSE(walk->error());
  return out;
}

Walked SandboxWalker::walk_thread(const PlatformClient& client,
                                  const std::string& item,
                                  const std::string& xsec_token) {
  Listing comments;
  comments.kind = ListingKind::kComments;
  comments.key = item;
  comments.xsec_token = xsec_token;
  Walked all = walk(client, comments);
  const auto top = all.items;
  for (const auto& c : top) {
    if (c.more_replies <= 0 || client.platform() == PlatformId::kWeibo) continue;
    Listing replies = comments;
    replies.kind = ListingKind::kReplies;
    replies.comment_id = c.mention.native_id;
    Walked r = walk(client, replies);
    all.items.insert(all.items.end(), r.items.begin(), r.items.end());
    all.pages += r.pages;
    ++all.reply_walks;
  }
  return all;
}

std::vector<sandbox::test::TruthItem> SandboxWalker::truth(PlatformId p,
                                                           const std::string& params) {
  const auto fetched = truth_client_.get(
      "/__sandbox/truth?platform=" + std::string(config::to_string(p)) + "&" + params);
  REQUIRE(fetched.status == 200);
  return sandbox::test::read_truth(fetched.body);
}

std::vector<sandbox::test::TruthItem> SandboxWalker::query_truth(PlatformId p,
                                                                 const std::string& keyword,
                                                                 const std::string& extra) {
  return truth(p, "query=" + requests::percent_encode(keyword) + extra);
}

std::pair<std::string, std::vector<sandbox::test::TruthItem>> SandboxWalker::thread_of(
    PlatformId p, const std::vector<sandbox::test::TruthItem>& posts, std::size_t min) {
  for (const auto& post : posts) {
    auto thread = truth(p, "item=" + post.native_id);
    if (thread.size() >= min) return {post.native_id, std::move(thread)};
  }
  FAIL("no post with " << min << " comments");
  return {};
}

void SandboxWalker::use_glyph_map_file() {
  const auto fetched = truth_client_.get("/__sandbox/glyphs");
  REQUIRE(fetched.status == 200);
  const auto path = dir_ / "glyphs.json";
  write_file(path, fetched.body);
  auto glyphs = clients::load_glyph_map(path.string());
  REQUIRE(glyphs.has_value());
  REQUIRE_FALSE(glyphs->empty());
  parser_ = std::make_unique<parsers::PageParser>(parsers::ParseLimits{}, std::move(*glyphs));
}

}  // namespace koubei::test
