// Same seed, same world: two sandbox servers serve byte-identical pages for the same requests;
// another seed serves another world. And the signer round trip over HTTP.
#include <catch2/catch.hpp>

#include "sandbox/http_types.hpp"
#include "tests/unit/sandbox/mini_crawler.hpp"

namespace koubei::sandbox::test {
namespace {

struct Req {
  std::string method, target, body;
  bool xhs = false;
};

std::vector<Req> requests(const World& w) {
  const std::string kw = url_encode(w.queries().front().keyword);
  const std::string shop = w.scenario().shops.front().id;
  return {
      {"GET", "/api/container/getIndex?containerid=" + url_encode("100103type=1&q=" + w.queries().front().keyword) + "&page=1", ""},
      {"GET", "/api/container/getIndex?containerid=" + url_encode("100103type=60&q=" + w.queries().front().keyword) + "&page=2", ""},
      {"GET", "/weibo?q=" + kw + "&page=1", ""},
      {"POST", "/api/sns/web/v1/search/notes", R"({"keyword":")" + w.queries().front().keyword + R"(","page":1,"sort":"popularity_descending"})", true},
      {"GET", "/shop/" + shop + "/review_all/p2", ""},
      {"GET", "/__sandbox/truth?platform=douyin&query=" + kw, ""},
      {"GET", "/__sandbox/glyphs", ""},
  };
}

std::vector<std::string> fetch_all(RunningSandbox& s) {
  MiniCrawler c(s);
  Client client(s.port());
  std::vector<std::string> out;
  for (const Req& r : requests(s.world())) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Cookie", "SUB=a; web_session=b; sessionid=c; dper=d"}};
    if (r.xhs) {
      for (auto& h : c.xhs_headers(r.target, r.body)) headers.push_back(h);
    }
    const Fetched f = r.method == "GET" ? client.get(r.target, headers) : client.post(r.target, r.body, headers);
    INFO(r.target);
    CHECK(f.status == 200);
    out.push_back(f.body);
  }
  // Douyin search needs its signed query.
  const std::string q = "keyword=" + url_encode(s.world().queries().front().keyword) + "&offset=15&count=15";
  out.push_back(client.get(c.douyin_target("/aweme/v1/web/general/search/single/", q), {{"Cookie", "sessionid=c"}}).body);
  return out;
}

}  // namespace

TEST_CASE("two sandboxes with one seed serve byte-identical pages", "[sandbox][.integration]") {
  RunningSandbox a("demo", 11), b("demo", 11), other("demo", 12);
  const auto pa = fetch_all(a);
  const auto pb = fetch_all(b);
  const auto po = fetch_all(other);
  REQUIRE(pa.size() == pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) {
    INFO("request " << i);
    CHECK(pa[i].size() > 100);
    CHECK(pa[i] == pb[i]);
  }
  CHECK(pa[0] != po[0]);
  CHECK(pa[3] != po[3]);
}

TEST_CASE("signatures from /__sandbox/sign are accepted and forged ones refused", "[sandbox][.integration]") {
  RunningSandbox s("demo", 3);
  MiniCrawler c(s);
  Client client(s.port());
  const std::string body = R"({"keyword":")" + s.world().queries().front().keyword + R"(","page":1})";
  auto headers = c.xhs_headers("/api/sns/web/v1/search/notes", body);
  headers.emplace_back("Cookie", "a1=x; web_session=y");
  CHECK(client.post("/api/sns/web/v1/search/notes", body, headers).status == 200);
  // The same headers over another body: the signature no longer matches.
  const Fetched forged = client.post("/api/sns/web/v1/search/notes", body + " ", headers);
  CHECK(forged.status == 406);
  parsers::PageParser parser;
  CHECK(parse_page(parser, parsers::PageType::kXiaohongshuSearchApi, forged, s.now()).verdict ==
        parsers::Verdict::kSignatureRejected);

  const std::string target = c.douyin_target("/aweme/v1/web/general/search/single/", "keyword=x&offset=0");
  CHECK(client.get(target, {{"Cookie", "sessionid=1"}}).body.find("params_check") == std::string::npos);
  const std::string replayed = target.substr(0, target.find("offset=0")) + "offset=15" +
                               target.substr(target.find("&a_bogus="));
  CHECK(client.get(replayed, {{"Cookie", "sessionid=1"}}).body.find("params_check") != std::string::npos);
}

TEST_CASE("the stats endpoint counts requests per platform and account", "[sandbox][.integration]") {
  RunningSandbox s("demo", 3);
  Client client(s.port());
  for (int i = 0; i < 3; ++i) client.get("/detail/1", {{"Cookie", "SUB=alice"}});
  client.get("/weibo?q=x", {{"Cookie", "SUB=bob"}});
  const std::string stats = client.get("/__sandbox/stats").body;
  CHECK_THAT(stats, Catch::Contains(R"("weibo":4)"));
  CHECK_THAT(stats, Catch::Contains("\"weibo:" + account_label(PlatformId::kWeibo, "alice") + "\":3"));
  CHECK_THAT(stats, Catch::Contains("\"weibo:" + account_label(PlatformId::kWeibo, "bob") + "\":1"));
  CHECK(stats.find("alice") == std::string::npos);  // accounts are hashed, never shown
}

}  // namespace koubei::sandbox::test
