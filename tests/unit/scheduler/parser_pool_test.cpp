// ParserPool: concurrent parses lend PageParsers without sharing one between threads, so every
// thread gets exactly what a lone PageParser gives (ASan/TSan-style damage shows up as a diff).

#include "scheduler/run/parser_pool.hpp"

#include "parsers/model/mention_json.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace koubei::scheduler {
namespace {

struct Fixture {
  parsers::PageType type;
  std::string body;
  std::string url;
};

// What a parse says, flattened so two parses compare with ==.
std::string summary(const parsers::ParseResult& r) {
  std::string out = std::string(parsers::to_string(r.verdict)) + " next=" +
                    (r.next.end ? "end" : r.next.value) + " skipped=" + std::to_string(r.skipped) +
                    " authors=" + std::to_string(r.authors.size()) +
                    " diagnostics=" + std::to_string(r.diagnostics.size()) + "\n";
  for (const auto& item : r.items) out += model::to_json(item.mention) + "\n";
  return out;
}

std::vector<Fixture> fixtures() {
  return {
      {parsers::PageType::kWeiboSearchApi,
       koubei::test::read_file(koubei::test::fixture_path("weibo/search_api_normal.json")),
       "https://m.weibo.cn/api/container/getIndex?containerid=100103type%3D1%26q%3D%E5%8D%8E%E4%"
       "B8%BA%E4%BF%A1%E5%8F%B7&page_type=searchall&page=1"},
      {parsers::PageType::kXiaohongshuSearchApi,
       koubei::test::read_file(koubei::test::fixture_path("xiaohongshu/search_api_normal.json")),
       "https://edith.xiaohongshu.com/api/sns/web/v1/search/notes"},
      {parsers::PageType::kDouyinSearchApi,
       koubei::test::read_file(koubei::test::fixture_path("douyin/search_api_normal.json")),
       "https://www.douyin.com/aweme/v1/web/general/search/single/?keyword=%E6%88%90%E9%83%BD"
       "%E7%81%AB%E9%94%85&offset=0&count=15"},
  };
}

parsers::PageInput input(const Fixture& f) {
  parsers::PageInput page;
  page.type = f.type;
  page.body = f.body;
  page.url = f.url;
  page.fetched_at = model::Timestamp{std::chrono::milliseconds{1'795'312'800'000}};
  return page;
}

}  // namespace

TEST_CASE("ParserPool parses from several threads at once as one PageParser does",
          "[scheduler][parser_pool]") {
  const std::vector<Fixture> pages = fixtures();
  std::vector<std::string> expected;
  parsers::PageParser reference;
  for (const auto& f : pages) {
    REQUIRE_FALSE(f.body.empty());
    const auto result = reference.parse(input(f));
    REQUIRE(result.verdict == parsers::Verdict::kOk);
    REQUIRE_FALSE(result.items.empty());
    expected.push_back(summary(result));
  }

  ParserPool pool(parsers::ParseLimits{}, parsers::GlyphMap{});
  constexpr int kThreads = 4;
  constexpr int kRounds = 15;
  std::atomic<int> mismatches{0};
  std::atomic<int> parses{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        // Each thread walks the pages from a different start, so different page types overlap.
        const std::size_t i = static_cast<std::size_t>(t + round) % pages.size();
        if (summary(pool.parse(input(pages[i]))) != expected[i]) ++mismatches;
        ++parses;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(parses == kThreads * kRounds);
  CHECK(mismatches == 0);

  // Parsers are reused afterwards: a later parse on this thread is still right.
  CHECK(summary(pool.parse(input(pages[0]))) == expected[0]);
}

TEST_CASE("ParserPool applies its limits to every parser it lends", "[scheduler][parser_pool]") {
  const Fixture weibo = fixtures()[0];
  parsers::ParseLimits limits;
  limits.max_items = 1;
  parsers::PageParser reference(limits);
  const auto expected = reference.parse(input(weibo));
  REQUIRE(expected.items.size() == 1);
  ParserPool pool(limits, parsers::GlyphMap{});
  for (int i = 0; i < 3; ++i) CHECK(summary(pool.parse(input(weibo))) == summary(expected));
}

}  // namespace koubei::scheduler
