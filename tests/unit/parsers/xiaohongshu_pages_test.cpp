// Xiaohongshu page behaviour the goldens cannot show: xsec tokens, more_replies, author facts,
// cursors and the noteDetailMap choices.
#include "parsers/parse.hpp"
#include "parsers/xiaohongshu/parse.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace koubei;
using namespace koubei::parsers;

namespace {

struct Request {
  Request(PageType t, std::string u, int s = 200, std::string f = {})
      : type(t), url(std::move(u)), status(s), final_url(std::move(f)) {}

  PageType type;
  std::string url;
  int status;
  std::string final_url;
  std::vector<Header> headers;
};

ParseResult run(const Request& req, const std::string& body) {
  PageInput page{req.type,
                 body,
                 false,
                 req.status,
                 req.url,
                 req.final_url,
                 req.headers,
                 model::Timestamp{std::chrono::milliseconds{1795312800000}}};
  PageParser parser;
  return parser.parse(page);
}

ParseResult run_fixture(const Request& req, const std::string& file) {
  return run(req, test::read_file(test::fixture_path("xiaohongshu") / file));
}

const ParsedItem& item_with_id(const ParseResult& r, const std::string& id) {
  for (const auto& item : r.items) {
    if (item.mention.id() == id) return item;
  }
  FAIL("no item " << id);
  return r.items.front();
}

const std::string kSearch = "https://edith.xiaohongshu.com/api/sns/web/v1/search/notes";
const std::string kComments =
    "https://edith.xiaohongshu.com/api/sns/web/v2/comment/page?note_id=6b015ec8000000001d03a7f2"
    "&cursor=&top_comment_id=&image_formats=jpg,webp,avif&xsec_token=AB";
const std::string kNoteUrl = "https://www.xiaohongshu.com/explore/6b015ec8000000001d03a7f2";

std::string state_page(const std::string& state) {
  return "<html><body><script>window.__INITIAL_STATE__=" + state + "</script></body></html>";
}

}  // namespace

TEST_CASE("xiaohongshu search keeps each note's xsec_token for its detail request",
          "[parsers][xiaohongshu]") {
  const auto r = run_fixture({PageType::kXiaohongshuSearchApi, kSearch}, "search_api_normal.json");
  REQUIRE(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 4);
  CHECK(r.items[0].xsec_token == "ABq3vK9xZfLw2mN8pR4tY6uJ1cE5hG7iO0aS3dF9kL2=");
  CHECK(r.items[3].xsec_token == "ABz9Xy8Wv7Ut6Sr5Qp4On3Ml2Kj1Ih0Gf9Ed8Cb7Aa=");
  CHECK(r.skipped == 0);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("xiaohongshu search with only suggestions and more pages keeps paging",
          "[parsers][xiaohongshu]") {
  const auto r = run({PageType::kXiaohongshuSearchApi, kSearch},
                     R"({"code":0,"success":true,"msg":"成功","data":{"has_more":true,"items":[
                          {"id":"r1","model_type":"rec_query","rec_query":{"title":"相关搜索"}}]}})");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.empty());
  CHECK(r.skipped == 0);
  CHECK_FALSE(r.next.end);
  CHECK(r.next.value == "more");
}

TEST_CASE("xiaohongshu note page takes xsec_token from the note, else from the request URL",
          "[parsers][xiaohongshu]") {
  const auto normal = run_fixture(
      {PageType::kXiaohongshuNoteHtml,
       "https://www.xiaohongshu.com/explore/6afda49b000000001e00b913?xsec_token=FROM_URL"},
      "note_html_normal.html");
  REQUIRE(normal.items.size() == 1);
  CHECK(normal.items[0].xsec_token == "ABc1Vb2Nm3Qw4Er5Ty6Ui7Op8As9Df0Gh1Jk2Lz3Xc=");
  CHECK_FALSE(normal.items[0].truncated);

  const auto video = run_fixture(
      {PageType::kXiaohongshuNoteHtml,
       "https://www.xiaohongshu.com/explore/6affccf50000000007021c4e?xsec_token=FROM_URL"},
      "note_html_video.html");
  REQUIRE(video.items.size() == 1);
  CHECK(video.items[0].xsec_token == "FROM_URL");
}

TEST_CASE("xiaohongshu note page with one note uses it whatever the URL says",
          "[parsers][xiaohongshu]") {
  const auto r = run({PageType::kXiaohongshuNoteHtml, "https://www.xiaohongshu.com/explore/other"},
                     state_page(R"({"note":{"noteDetailMap":{"6b01":{"note":{"title":"t",
                                   "desc":"d","time":undefined,"user":{"userId":"u1"}}}}}})"));
  REQUIRE(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.id() == "xiaohongshu:note:6b01");
  CHECK_FALSE(r.items[0].mention.created_at.has_value());
  CHECK(r.diagnostics.empty());
}

TEST_CASE("xiaohongshu note page judges an unusable noteDetailMap", "[parsers][xiaohongshu]") {
  const auto [state, verdict] = GENERATE(table<std::string, Verdict>({
      {R"({"note":{"noteDetailMap":{}}})", Verdict::kNotFound},
      {R"({"note":{"noteDetailMap":{"6b015ec8000000001d03a7f2":{"note":{}}}}})",
       Verdict::kNotFound},
      {R"({"note":{"noteDetailMap":{"6b015ec8000000001d03a7f2":{"comments":{}}}}})",
       Verdict::kNotFound},
      {R"({"note":{"noteDetailMap":{"a":{"note":{"noteId":"a"}},"b":{"note":{"noteId":"b"}}}}})",
       Verdict::kUnrecognized},
      {R"({"note":{"noteDetailMap":[]}})", Verdict::kCaptcha},
      {R"({"user":{"loggedIn":false}})", Verdict::kCaptcha},
      {R"({"note":{"noteDetailMap":{)", Verdict::kUnrecognized},
  }));
  INFO(state);
  const auto r = run({PageType::kXiaohongshuNoteHtml, kNoteUrl}, state_page(state));
  CHECK(r.verdict == verdict);
  CHECK(r.items.empty());
  CHECK_FALSE(r.detail.empty());
}

TEST_CASE("xiaohongshu note page redirected to a page without state is a captcha",
          "[parsers][xiaohongshu]") {
  Request req{PageType::kXiaohongshuNoteHtml, kNoteUrl, 200, "https://www.xiaohongshu.com/explore"};
  const auto r = run(req, "<html><body>请稍候</body></html>");
  CHECK(r.verdict == Verdict::kCaptcha);
  CHECK(r.detail == "redirected to https://www.xiaohongshu.com/explore without __INITIAL_STATE__");
  req.final_url.clear();
  CHECK(run(req, "<html><body>请稍候</body></html>").verdict == Verdict::kUnrecognized);
}

TEST_CASE("xiaohongshu HTTP 461 through the page parser names the verify headers",
          "[parsers][xiaohongshu]") {
  Request req{PageType::kXiaohongshuCommentsApi, kComments, 461};
  req.headers = {{"Verifytype", "102"}, {"Verifyuuid", "shield-1"}};
  const auto r = run(req, R"({"code":461})");
  CHECK(r.verdict == Verdict::kCaptcha);
  CHECK(r.detail == "HTTP 461 Verifytype=102 Verifyuuid=shield-1");
  CHECK(r.next.end);
}

TEST_CASE("xiaohongshu top comments count the replies the page did not include",
          "[parsers][xiaohongshu]") {
  const auto r =
      run_fixture({PageType::kXiaohongshuCommentsApi, kComments}, "comments_api_normal.json");
  REQUIRE(r.verdict == Verdict::kOk);
  CHECK(item_with_id(r, "xiaohongshu:comment:6b017071000000001e03b5c1").more_replies == 12);
  CHECK(item_with_id(r, "xiaohongshu:comment:6b017636000000001c01a4b2").more_replies == 0);
  CHECK(item_with_id(r, "xiaohongshu:comment:6b018a58000000001f00d2e7").more_replies == 0);
  CHECK(item_with_id(r, "xiaohongshu:comment:6b023031000000001e01f6a9").more_replies == 0);
}

TEST_CASE("xiaohongshu a comment with more replies but no usable count still asks for them",
          "[parsers][xiaohongshu]") {
  const auto r = run({PageType::kXiaohongshuCommentsApi, kComments},
                     R"({"code":0,"success":true,"data":{"has_more":false,"cursor":"","comments":[
                          {"id":"c1","content":"a","sub_comment_has_more":true,"sub_comment_count":"2",
                           "sub_comments":[{"id":"r1","content":"b"},{"id":"r2","content":"c"}]},
                          {"id":"c2","content":"d","sub_comment_has_more":true}]}})");
  REQUIRE(r.items.size() == 4);
  CHECK(item_with_id(r, "xiaohongshu:comment:c1").more_replies == 1);
  CHECK(item_with_id(r, "xiaohongshu:comment:c2").more_replies == 1);
  CHECK(item_with_id(r, "xiaohongshu:comment:r1").mention.parent_id == "xiaohongshu:comment:c1");
  CHECK(item_with_id(r, "xiaohongshu:comment:r1").mention.root_id ==
        "xiaohongshu:note:6b015ec8000000001d03a7f2");
}

TEST_CASE("xiaohongshu replies of an unreadable comment are skipped, not misattributed",
          "[parsers][xiaohongshu]") {
  const auto r = run({PageType::kXiaohongshuCommentsApi, kComments},
                     R"({"code":0,"success":true,"data":{"has_more":false,"comments":[
                          {"id":"bad id","content":"a","sub_comments":[{"id":"r1","content":"b"}]}]}})");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.empty());
  CHECK(r.skipped == 2);
}

TEST_CASE("xiaohongshu comments cursor follows has_more", "[parsers][xiaohongshu]") {
  const auto more = run({PageType::kXiaohongshuCommentsApi, kComments},
                        R"({"code":0,"success":true,"data":{"has_more":true,"cursor":"6b02",
                             "comments":[{"id":"c1","content":"a"}]}})");
  CHECK(more.next.value == "6b02");
  CHECK_FALSE(more.next.end);

  const auto lost = run({PageType::kXiaohongshuCommentsApi, kComments},
                        R"({"code":0,"success":true,"data":{"has_more":true,"cursor":"",
                             "comments":[{"id":"c1","content":"a"}]}})");
  CHECK(lost.next.end);
  REQUIRE(lost.diagnostics.size() == 1);
  CHECK(lost.diagnostics[0].where == "data.cursor");

  const auto last = run({PageType::kXiaohongshuCommentsApi, kComments},
                        R"({"code":0,"success":true,"data":{"has_more":false,"cursor":"6b03",
                             "comments":[{"id":"c1","content":"a"}]}})");
  CHECK(last.next.end);
}

TEST_CASE("xiaohongshu user page gives the author's follower count", "[parsers][xiaohongshu]") {
  const std::string base = "https://edith.xiaohongshu.com/api/sns/web/v1/user/otherinfo";
  const auto normal = run_fixture(
      {PageType::kXiaohongshuUserApi, base + "?target_user_id=5c80c3ff0000000016015198"},
      "user_api_normal.json");
  CHECK(normal.verdict == Verdict::kOk);
  CHECK(normal.items.empty());
  REQUIRE(normal.authors.size() == 1);
  CHECK(normal.authors[0].platform == model::Platform::kXiaohongshu);
  CHECK(normal.authors[0].id == "5c80c3ff0000000016015198");
  CHECK(normal.authors[0].name == "迷路与鹿");
  CHECK(normal.authors[0].followers == 12000);
  CHECK_FALSE(normal.authors[0].verified_type.has_value());

  const auto edge = run_fixture(
      {PageType::kXiaohongshuUserApi, base + "?target_user_id=5e1a8b2c000000000100a7f3"},
      "user_api_edge.json");
  REQUIRE(edge.authors.size() == 1);
  CHECK_FALSE(edge.authors[0].name.has_value());
  CHECK(edge.authors[0].followers == 100000);
}

TEST_CASE("xiaohongshu user page without target_user_id keeps the verdict and says why",
          "[parsers][xiaohongshu]") {
  const auto r = run_fixture({PageType::kXiaohongshuUserApi,
                              "https://edith.xiaohongshu.com/api/sns/web/v1/user/otherinfo"},
                             "user_api_normal.json");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.authors.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].where == "url");
}

TEST_CASE("xiaohongshu user page with an unreadable fans count keeps the author",
          "[parsers][xiaohongshu]") {
  const auto r =
      run({PageType::kXiaohongshuUserApi,
           "https://edith.xiaohongshu.com/api/sns/web/v1/user/otherinfo?target_user_id=u1"},
          R"({"code":0,"success":true,"data":{"basic_info":{"nickname":"n"},
                          "interactions":[{"type":"fans","count":"很多"}]}})");
  REQUIRE(r.authors.size() == 1);
  CHECK_FALSE(r.authors[0].followers.has_value());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].where == "data.interactions[0].count");
}

TEST_CASE("xiaohongshu feed items without a note_card are a layout change",
          "[parsers][xiaohongshu]") {
  const auto r =
      run({PageType::kXiaohongshuFeedApi, "https://edith.xiaohongshu.com/api/sns/web/v1/feed"},
          R"({"code":0,"success":true,"data":{"items":[{"id":"6b01","note":{}}]}})");
  CHECK(r.verdict == Verdict::kUnrecognized);
}

TEST_CASE("xiaohongshu feed note with an unusable time keeps the note with a diagnostic",
          "[parsers][xiaohongshu]") {
  const auto r =
      run({PageType::kXiaohongshuFeedApi, "https://edith.xiaohongshu.com/api/sns/web/v1/feed"},
          R"({"code":0,"success":true,"data":{"items":[{"id":"6b01","xsec_token":"T",
                          "note_card":{"title":"t","desc":"d","time":0,
                          "interact_info":{"liked_count":"很多"}}}]}})");
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].mention.native_id == "6b01");
  CHECK(r.items[0].xsec_token == "T");
  CHECK_FALSE(r.items[0].mention.created_at.has_value());
  CHECK_FALSE(r.items[0].mention.metrics.likes.has_value());
  CHECK(r.diagnostics.size() == 2);
  CHECK(r.skipped == 0);
}
