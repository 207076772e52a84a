// The redirect decision without IO: sites by the Public Suffix List, relative Locations, loops,
// limits and method rewriting, as tables. Plus the padded body buffer's invariant.
#include "crawler/http/body_buffer.hpp"
#include "crawler/http/redirect_policy.hpp"

#include <catch2/catch.hpp>
#include <simdjson.h>

#include <cstring>

using koubei::http::BodyBuffer;
using koubei::http::decide_redirect;
using koubei::http::FetchErrc;
using koubei::http::Method;
using koubei::http::RedirectDecision;
using koubei::http::RedirectHop;
using Kind = RedirectDecision::Kind;

TEST_CASE("site_of_host is the registrable domain; IPs and single labels are their own site",
          "[http][redirect]") {
  const auto [host, site] = GENERATE(table<std::string, std::string>({
      {"m.weibo.cn", "weibo.cn"},
      {"s.weibo.com", "weibo.com"},
      {"passport.weibo.com", "weibo.com"},
      {"www.xiaohongshu.com", "xiaohongshu.com"},
      {"a.b.example.com.cn", "example.com.cn"},
      {"WWW.Dianping.COM.", "dianping.com"},
      {"127.0.0.1", "127.0.0.1"},
      {"::1", "::1"},
      {"localhost", "localhost"},
  }));
  CAPTURE(host);
  CHECK(koubei::http::site_of_host(host) == site);
}

TEST_CASE("url_host and resolve_location", "[http][redirect]") {
  CHECK(koubei::http::url_host("https://M.Weibo.cn:443/api?x=1") == "m.weibo.cn");
  CHECK(koubei::http::url_host("http://[::1]:8080/") == "::1");
  CHECK(koubei::http::url_host("not a url").empty());
  CHECK(koubei::http::resolve_location("https://a.com/x/y?q=1", "/z") == "https://a.com/z");
  CHECK(koubei::http::resolve_location("https://a.com/x/y?q=1", "z?p=2") ==
        "https://a.com/x/z?p=2");
  CHECK(koubei::http::resolve_location("https://a.com/x", "https://b.a.com/w") ==
        "https://b.a.com/w");
}

TEST_CASE("decide_redirect follows same-site redirects and stops the others", "[http][redirect]") {
  struct Row {
    const char* current;
    int status;
    const char* location;
    std::uint32_t max;
    Kind kind;
    FetchErrc error;
    const char* next;
  };

  const Row row = GENERATE(values<Row>({
      {"https://m.weibo.cn/a", 200, "", 5, Kind::kDone, FetchErrc::kInternal, ""},
      {"https://m.weibo.cn/a", 302, "", 5, Kind::kDone, FetchErrc::kInternal, ""},
      {"https://m.weibo.cn/a", 304, "/b", 5, Kind::kDone, FetchErrc::kInternal, ""},
      {"https://m.weibo.cn/a", 302, "/b", 0, Kind::kDone, FetchErrc::kInternal, ""},
      {"https://m.weibo.cn/a",
       302,
       "/b",
       5,
       Kind::kFollow,
       FetchErrc::kInternal,
       "https://m.weibo.cn/b"},
      {"https://m.weibo.cn/a",
       301,
       "https://passport.weibo.cn/login",
       5,
       Kind::kFollow,
       FetchErrc::kInternal,
       "https://passport.weibo.cn/login"},
      {"https://m.weibo.cn/a",
       302,
       "https://passport.weibo.com/visitor",
       5,
       Kind::kStop,
       FetchErrc::kCrossSiteRedirect,
       "https://passport.weibo.com/visitor"},
      {"http://127.0.0.1:8/a",
       307,
       "http://localhost:8/a",
       5,
       Kind::kStop,
       FetchErrc::kCrossSiteRedirect,
       "http://localhost:8/a"},
      {"https://m.weibo.cn/a",
       302,
       "ftp://m.weibo.cn/f",
       5,
       Kind::kStop,
       FetchErrc::kBadRequest,
       ""},
      {"https://m.weibo.cn/a",
       302,
       "/a",
       5,
       Kind::kStop,
       FetchErrc::kRedirectLoop,
       "https://m.weibo.cn/a"},
  }));
  CAPTURE(row.current, row.status, row.location);
  const RedirectDecision d =
      decide_redirect(row.current, Method::kGet, row.status, row.location, {}, row.max);
  CHECK(d.kind == row.kind);
  if (d.kind == Kind::kStop) CHECK(d.error == row.error);
  if (d.kind != Kind::kDone && std::strlen(row.next) != 0) CHECK(d.next_url == row.next);
}

TEST_CASE("decide_redirect counts hops and recognises loops through the chain",
          "[http][redirect]") {
  const std::vector<RedirectHop> chain{{"https://a.com/1", 302, "https://a.com/2"},
                                       {"https://a.com/2", 302, "https://a.com/3"}};
  CHECK(decide_redirect("https://a.com/3", Method::kGet, 302, "/1", chain, 5).error ==
        FetchErrc::kRedirectLoop);
  CHECK(decide_redirect("https://a.com/3", Method::kGet, 302, "/4", chain, 2).error ==
        FetchErrc::kTooManyRedirects);
  CHECK(decide_redirect("https://a.com/3", Method::kGet, 302, "/4", chain, 3).kind ==
        Kind::kFollow);
}

TEST_CASE("303, and 301/302 after a POST, become a GET without body; 307/308 keep the method",
          "[http][redirect]") {
  const auto [method, status, next, drop] = GENERATE(table<Method, int, Method, bool>({
      {Method::kPost, 303, Method::kGet, true},
      {Method::kPost, 302, Method::kGet, true},
      {Method::kPost, 301, Method::kGet, true},
      {Method::kPost, 307, Method::kPost, false},
      {Method::kPost, 308, Method::kPost, false},
      {Method::kPut, 302, Method::kPut, false},
      {Method::kPut, 303, Method::kGet, true},
      {Method::kHead, 303, Method::kHead, false},
  }));
  const RedirectDecision d = decide_redirect("https://a.com/x", method, status, "/y", {}, 5);
  REQUIRE(d.kind == Kind::kFollow);
  CHECK(d.next_method == next);
  CHECK(d.drop_body == drop);
}

TEST_CASE("BodyBuffer keeps simdjson's padding zeroed behind the body, across growth and clear",
          "[http][body]") {
  STATIC_REQUIRE(BodyBuffer::kPadding >= simdjson::SIMDJSON_PADDING);
  BodyBuffer b;
  CHECK(b.view().empty());
  const std::string chunk(1000, 'x');
  for (int i = 0; i < 50; ++i)
    b.append(chunk.data(), chunk.size());
  REQUIRE(b.size() == 50000);
  for (std::size_t i = 0; i < BodyBuffer::kPadding; ++i)
    REQUIRE(b.data()[b.size() + i] == '\0');
  b.clear();
  b.append("{}", 2);
  for (std::size_t i = 0; i < BodyBuffer::kPadding; ++i)
    REQUIRE(b.data()[2 + i] == '\0');
  CHECK(b.capacity() >= 50000);  // the block is kept for the next hop
}
