#pragma once
// A minimal crawler for the round-trip tests: builds each platform's requests the way a client
// would (signatures from /__sandbox/sign, login cookies, cursors from the parsers), fetches every
// page of a listing from a running sandbox and parses it with koubei's parsers.
//
// Every request comes from a fresh client IP (X-Forwarded-For) and account (cookie), so the
// scenario's rate limits never apply here (they have their own tests); a page whose verdict is
// not ok/empty (an injected fault) is fetched again, up to kMaxAttempts times.

#include <string>
#include <vector>

#include "tests/unit/sandbox/sandbox_fixture.hpp"

namespace koubei::sandbox::test {

struct Crawl {
  std::vector<parsers::ParsedItem> items;
  std::vector<parsers::AuthorFacts> authors;
  std::size_t pages = 0;
  std::size_t retries = 0;
};

class MiniCrawler {
 public:
  static constexpr int kMaxAttempts = 40;

  MiniCrawler(RunningSandbox& sandbox, parsers::GlyphMap glyphs = {});

  Crawl weibo_search_api(const std::string& keyword);
  Crawl weibo_search_html(const std::string& keyword, const std::string& timescope);
  /// containerid 107603{uid} (since_id cursor) or 230413{uid} (page numbers).
  Crawl weibo_timeline(const std::string& uid, const std::string& container = "107603");
  Crawl weibo_comments(const std::string& mid);
  Crawl weibo_detail(const std::string& mid);

  Crawl xhs_search(const std::string& keyword);
  Crawl xhs_feed(const std::string& note_id, const std::string& xsec_token);
  Crawl xhs_note_html(const std::string& note_id, const std::string& xsec_token);
  Crawl xhs_comments(const std::string& note_id, const std::string& xsec_token);
  Crawl xhs_user(const std::string& user_id);

  Crawl douyin_search(const std::string& keyword);
  Crawl douyin_detail(const std::string& aweme_id);
  Crawl douyin_comments(const std::string& aweme_id);
  Crawl douyin_video_html(const std::string& aweme_id);
  Crawl douyin_user(const std::string& sec_uid);

  Crawl dianping_reviews(const std::string& shop_id);

  /// GET a sandbox endpoint (no retries, no faults there).
  std::string sandbox_get(const std::string& target);

  /// XHS headers (cookie, x-s, x-t) for a request; Douyin's signed target.
  std::vector<std::pair<std::string, std::string>> xhs_headers(const std::string& uri, const std::string& body);
  std::string douyin_target(const std::string& path, const std::string& query);

 private:
  struct Page {
    parsers::ParseResult result;
    Fetched fetched;
  };
  /// Fetches (GET, or POST with a body) and parses until the verdict is ok or empty.
  Page fetch(parsers::PageType type, const std::string& method, const std::string& target,
             const std::string& body, const std::string& cookie_name, bool xhs_signed, Crawl& crawl);
  static void take(Crawl& crawl, parsers::ParseResult& r);

  RunningSandbox& sandbox_;
  Client client_;
  parsers::PageParser parser_;
  std::uint64_t counter_ = 0;
};

}  // namespace koubei::sandbox::test
